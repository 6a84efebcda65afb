"""A benchmark's latest figures: printed as a plain table, and written with the date and the machine into
benchmarks/results/<name>.md, which each run replaces whole (the maintainers' guide links to these files)."""
from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "results"


# A table as aligned plain text for the terminal: text to the left, numbers to the right.
def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(row[column])) for row in [header, *rows]) for column in range(len(header))]
    numeric = [all(_is_number(row[column]) for row in rows) and bool(rows) for column in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [str(cell).rjust(width) if right else str(cell).ljust(width)
                 for cell, width, right in zip(row, widths, numeric)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# The same table in Markdown, numbers aligned to the right; a "|" in a cell is escaped.
def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    numeric = [all(_is_number(row[column]) for row in rows) and bool(rows) for column in range(len(header))]
    lines = ["| " + " | ".join(_cell(cell) for cell in header) + " |",
             "| " + " | ".join("---:" if right else "---" for right in numeric) + " |"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# The machine the figures come from: cores, Python, and the browser where one was measured.
def machine(chromium: str | None = None) -> str:
    parts = [f"{os.cpu_count()} cores", f"Python {platform.python_version()}"]
    if chromium:
        parts.append(_chromium_version(chromium))
    return ", ".join(parts)


# An installed package's version, for the text that says what was measured.
def package_version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


# Replaces benchmarks/results/<name>.md with this run's figures, their date and the machine.
def write(name: str, title: str, command: str, script: str, body: str, chromium: str | None = None,
          folder: Path | None = None, today: datetime.date | None = None) -> Path:
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    text = (f"# {title}\n\n"
            f"Figures of {today.day} {today:%B %Y}, on a machine with {machine(chromium)}. Written by `{command}` "
            f"(`benchmarks/{Path(script).name}`), which replaces this file whole on each run.\n\n"
            f"{body.strip()}\n")
    folder = folder or FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    partial = path.with_name(f".{path.name}.{os.getpid()}")  # written beside, then swapped in: never half a file
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return path


def _chromium_version(chromium: str) -> str:
    try:
        found = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        found = ""
    return found or f"Chromium at {chromium} (version unknown)"


def _is_number(cell: object) -> bool:
    text = str(cell).replace(",", "").replace("%", "").replace("×", "").strip()
    try:
        float(text)
    except ValueError:
        return text == ""
    return True


def _cell(cell: object) -> str:
    return str(cell).replace("|", "\\|").replace("\n", " ")
