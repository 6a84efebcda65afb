"""Edit-to-preview latency (make preview-latency): the time from saving a French page to the preview serving
the changed page, polled over HTTP, with this site's preview (`make serve`, commands/preview.py) and with stock
`mkdocs serve` of Material + static-i18n (benchmarks/stock.yml) on the same Markdown: the site itself (12 pages
per language; ours only: stock Material has not the site's page templates), and generated sites of 12 and 1000
pages per language (benchmarks/corpus.py). Each server runs on a free port in a temporary folder, removed at the end.

    python benchmarks/preview_latency.py [--sizes 0 12 1000] [--edits 3] [--stock-edits 1]   (size 0: the site itself)
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from corpus import generate
from results import markdown_table, text_table, write

ROOT = Path(__file__).resolve().parent.parent
# What the preview of the site reads (a copy, edited by the benchmark).
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "deploy", "examples", "commands")
# The longest a first build or a rebuild may take before the benchmark gives up.
STARTUP_DEADLINE = 900
EDIT_DEADLINE = 600


# Each size in turn: ours, then stock, each started once and edited several times.
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 12, 1000],
                        help="pages per language of a generated site; 0: the site itself")
    parser.add_argument("--edits", type=int, default=3, help="edits timed with this site's preview")
    parser.add_argument("--stock-edits", type=int, default=1, help="edits timed with stock mkdocs serve")
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="preview-latency-"))
    rows = []
    try:
        for pages in arguments.sizes:
            project, page = _project(work, pages)
            for name, edits in (("ours", arguments.edits), ("stock", arguments.stock_edits)):
                if edits and (pages or name == "ours"):
                    rows.append((pages, name, _measure(project, page, name, edits, work)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    header = ["pages/lang", "site", "server", "first build s", "edit → page served s: median", "each"]
    table = [[pages or 12, "generated" if pages else "this site",
              "make serve (ours)" if name == "ours" else "stock mkdocs serve", f"{first:.1f}",
              f"{statistics.median(times):.2f}", "  ".join(f"{seconds:.2f}" for seconds in times)]
             for pages, name, (first, times) in rows]
    print("\n" + text_table(header, table))
    path = write("preview-latency", "Edit to preview", "make preview-latency", __file__, body=(
        "Seconds from saving a French page to the preview serving the changed page, polled over HTTP. Every save "
        "rebuilds the whole site.\n\n" + markdown_table(header, table)))
    print(f"\nWritten to {path.relative_to(ROOT)}")
    return 0


# The project to serve and the French page to edit in it (its Markdown source and its address).
def _project(work: Path, pages: int) -> tuple[Path, tuple[Path, str]]:
    if pages:
        print(f"generating {pages} pages per language …", flush=True)
        project = generate(work / f"corpus-{pages}", pages)
        source = sorted((project / "docs/fr").glob("*/*.md"))[1]
    else:
        project = work / "site"
        project.mkdir()
        for part in PROJECT_PARTS:
            copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
            copy(ROOT / part, project / part)
        source = project / "docs/fr/faq.md"
    shutil.copy(ROOT / "benchmarks/stock.yml", project / "mkdocs-stock.yml")
    address = source.relative_to(project / "docs/fr").with_suffix("").as_posix() + "/"
    return project, (source, address)


# Start one server, wait for its first build, then time each edit until the page shows it.
def _measure(project: Path, page: tuple[Path, str], name: str, edits: int, work: Path) -> tuple[float, list[float]]:
    source, address = page
    original = source.read_text(encoding="utf-8")
    port = _free_port()
    command = ([sys.executable, "commands/preview.py", "--dev-addr", f"127.0.0.1:{port}"] if name == "ours" else
               [sys.executable, "-m", "mkdocs", "serve", "--config-file", "mkdocs-stock.yml",
                "--dev-addr", f"127.0.0.1:{port}", "--livereload"])
    url = f"http://127.0.0.1:{port}/{address}"
    log = work / f"{name}.log"
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(command, cwd=project, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait(url, "", server, log, STARTUP_DEADLINE)
        first = time.perf_counter() - start
        print(f"  {name}: first build {first:.1f} s", flush=True)
        times = []
        for edit in range(edits):
            marker = f"mesurelatence{edit}x{int(time.time())}"
            saved = time.perf_counter()
            source.write_text(original + f"\nParagraphe modifié {marker}.\n", encoding="utf-8")
            _wait(url, marker, server, log, EDIT_DEADLINE)
            times.append(time.perf_counter() - saved)
            print(f"  {name}: edit {edit + 1}: {times[-1]:.2f} s", flush=True)
            time.sleep(1)  # the server's watcher settles before the next save
    finally:
        server.terminate()
        server.wait(timeout=60)
        source.write_text(original, encoding="utf-8")
    return first, times


# Poll the page until it answers 200 holding the text, or fail with the server's last words.
def _wait(url: str, text: str, server: subprocess.Popen, log: Path, deadline: float) -> None:
    end = time.perf_counter() + deadline
    while time.perf_counter() < end:
        if server.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text(encoding='utf-8')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=deadline) as response:
                if response.status == 200 and text in response.read().decode("utf-8"):
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {deadline} s:\n{log.read_text(encoding='utf-8')[-3000:]}")


# A port nobody listens on now (the servers are told a number: stock mkdocs serve cannot take port 0).
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
