"""The medical content every clinic shares, and its version (a helper module for the hooks and `make review`).

The medical content is every page that is not about the clinic (front matter without `kind: clinic`), in
every language, and the data files those pages show (the bibliography, the "when to seek help" boxes).
Its version, which a clinic's `medical_review` names, is the first 12 hex digits of a SHA-256 over the
version of each of those files. A page's editorial bookkeeping (`updated`, `next_review`, `translation_of`)
is not part of it: changing a date asks no new medical review.

`make review` keeps the version of each file at the reviewed version in data/medical-versions/<version>.json,
written by the command and not meant to be edited, so that a later build can list the files changed since.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional

from .page_files import PageFiles
from .page_roles import is_clinic

# Front matter fields that are the editors' bookkeeping, not what the physician reviews.
EDITORIAL_FIELDS = ("updated", "next_review", "translation_of")
# Data files the medical pages show, as patterns from the project's folder.
DATA_FILES = ("data/sources.yml", "data/triage/*.yml")
SNAPSHOTS = "data/medical-versions"


# The version of each file of the medical content, by its path from the project's folder ("docs/fr/faq.md").
# Raises OSError, UnicodeDecodeError or yaml.YAMLError for a file that cannot be read.
def file_versions(page_files: PageFiles, project: Path, docs_dir: Path) -> dict[str, str]:
    versions = {}
    # os.walk and plain strings, as the front matter checks: fast over thousands of pages.
    for folder, folders, names in os.walk(docs_dir):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if name.endswith(".md") and not name.startswith("."):
                path = os.path.join(folder, name)
                page = page_files.read(path)
                meta = page.meta if isinstance(page.meta, dict) else {}
                if not is_clinic(meta):
                    versions[_shown(path, project)] = _digest(_reviewed_text(meta, page.body))
    for pattern in DATA_FILES:
        for path in project.glob(pattern):
            versions[_shown(path, project)] = _digest(_lines(path.read_text(encoding="utf-8")))
    return dict(sorted(versions.items()))


# The version of the whole medical content, from the versions of its files.
def content_version(versions: dict[str, str]) -> str:
    return _digest("".join(f"{path}\t{version}\n" for path, version in sorted(versions.items())))


# The files added, changed or removed between two states of the content, one line each; every file when the
# earlier state is unknown.
def changes(before: Optional[dict[str, str]], after: dict[str, str]) -> list[str]:
    if before is None:
        return [f"{path} (no record of the reviewed version: read it all)" for path in after]
    lines = [f"{path} ({'new' if path not in before else 'changed'})"
             for path, version in after.items() if before.get(path) != version]
    lines += [f"{path} (removed)" for path in before if path not in after]
    return sorted(lines)


# The versions of the files at a reviewed version, as `make review` kept them; None if it kept none.
def snapshot(project: Path, version: str) -> Optional[dict[str, str]]:
    try:
        data = json.loads((project / SNAPSHOTS / f"{version}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else None


# Keep the versions of the files at the version being reviewed; returns the file written.
def save_snapshot(project: Path, versions: dict[str, str]) -> Path:
    path = project / SNAPSHOTS / f"{content_version(versions)}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"about": "Written by `make review`: the version of each medical file at this reviewed version. Do not edit.",
            "files": versions}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# A page as the physician reviews it: the front matter a reader sees, then the text.
def _reviewed_text(meta: dict, body: str) -> str:
    shown = {field: value for field, value in meta.items() if field not in EDITORIAL_FIELDS}
    return json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str) + "\n" + _lines(body)


# Text without what an editor does not see: line endings, spaces at line ends, blank lines at the ends.
def _lines(text: str) -> str:
    return "\n".join(map(str.rstrip, text.strip("\n").splitlines()))


# A short SHA-256, as the translation stamps are made (longer: it names the whole content).
def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# A file's path from the project's folder, as editors name it.
def _shown(path: str | os.PathLike, project: Path) -> str:
    return Path(os.path.relpath(path, project)).as_posix()
