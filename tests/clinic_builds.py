"""Builds for the clinic and server tests: the site for another clinic file, and a copy of the project
to change before building it."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

from conftest import CLINIC_FILE, EXAMPLE_CLINIC, ROOT, build  # noqa: F401 - the clinic names, for the tests

# What a build reads from the project.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "deploy", "examples", "commands", "Makefile")
BUILD_SITE = ROOT / "commands/build_site.py"


def build_for(site_dir: Path, clinic: Optional[Path] = None, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """The strict build of conftest, for the given clinic file (None: the demo clinic)."""
    return build(site_dir, config, clinic)


def project_copy(folder: Path) -> Path:
    """A copy of what the build reads, to change before building it; returns its mkdocs.yml."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / part)
    return folder / "mkdocs.yml"


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def make_site(site: Path, clinic: Optional[Path | str] = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """`make site` into another folder (the Makefile's SITE); -o: no reinstalling the packages."""
    command = ["make", "--no-print-directory", "-o", ".venv/.installed-build", "site", f"SITE={site}"]
    if clinic:
        command.append(f"CLINIC={clinic}")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def run_build(site: Path, project: Path = ROOT, clinic: Optional[Path] = None) -> subprocess.CompletedProcess:
    """commands/build_site.py, as `make site` runs it, for the project in that folder (clinic None: the demo clinic)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DIR": str(site), CLINIC_FILE: str(clinic or "")}
    return subprocess.run([sys.executable, str(BUILD_SITE)], cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder with the hash of its bytes."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def record_review(config: Path, clinic: Path, by: str) -> None:
    """What `make review` does, in a project copy: the clinic's physician reviewed its medical pages as they are now."""
    result = subprocess.run([sys.executable, "commands/record_review.py", "--by", by, "--clinic", str(clinic),
                             "--config-file", str(config)], cwd=config.parent, capture_output=True, text=True)
    assert result.returncode == 0, output(result)
