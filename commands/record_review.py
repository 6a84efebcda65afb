"""`make review BY="Dr …" CLINIC=path/to/clinic.yml`: record in the clinic file that one of its physicians has
reviewed the current medical content, once they have read it.

Prints what changed since the clinic's last recorded review, then writes the clinic file's medical_review
block (by, date: today, version), leaving the rest of the file as it was written (comments, order), and keeps
the versions of the files reviewed in data/medical-versions/ so that a later build can list what changed.

    python commands/record_review.py --by "Dr Anne Martin" --clinic path/to/clinic.yml [--config-file mkdocs.yml]
"""
from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from lib.build_state import state  # noqa: E402 - the hooks' shared code, from their folder
from lib.clinic_file import load  # noqa: E402
from lib.medical_content import changes, content_version, file_versions, save_snapshot, snapshot  # noqa: E402

# The clinic file's review block: its key line and the indented lines under it.
_BLOCK = re.compile(r"^medical_review:.*(?:\n|\Z)(?:[ \t]+\S.*(?:\n|\Z))*", re.MULTILINE)
_COMMENT = ("# The physician of the practice who reviewed the medical pages, the day, and the version of the\n"
            "# medical content reviewed: written by  make review BY=\"Dr …\" CLINIC=this-file (see guides/clinics.md).\n")


# Record the review: print the changes, write the clinic file, keep the reviewed version's files.
def record(by: str, clinic_path: Path, shown_name: str, config_file: str) -> str:
    by = by.strip()
    if not by:
        raise PluginError('BY: missing — give the name of the physician who reviewed the pages, as written under '
                          f'practitioners in {shown_name}: make review BY="Dr …" CLINIC={shown_name}')
    clinic = load(clinic_path, shown_name, recording_review=True)
    names = [practitioner.name for practitioner in clinic.practitioners]
    if by not in names:
        raise PluginError(f"BY: {by!r} is not one of the practitioners of {shown_name} — write the name exactly as "
                          f"under practitioners: {', '.join(names)}")
    config = load_config(config_file)
    project = Path(config.config_file_path).parent
    versions = file_versions(state(config).files, project, Path(config.docs_dir))
    version = content_version(versions)
    previous = _previous_review(clinic_path)
    if previous is None:
        report = [f"First medical review for {shown_name}: {len(versions)} files of medical content (version {version})."]
    elif previous["version"] == version:
        report = [f"Nothing changed since the review of {previous['date']} by {previous['by']} (version {version})."]
    else:
        changed = changes(snapshot(project, previous["version"]), versions)
        report = [f"Changed since the review of {previous['date']} by {previous['by']} (version {previous['version']}):",
                  *(f"  {line}" for line in changed)]
    save_snapshot(project, versions)
    _write_review(clinic_path, shown_name, by, datetime.date.today(), version)
    report.append(f"Recorded in {shown_name}: medical_review by {by}, {datetime.date.today()}, version {version}.")
    return "\n".join(report)


# The review the file records, as written (the reviewer may have left the practice since); None if there is none.
def _previous_review(path: Path) -> dict | None:
    review = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("medical_review")
    if not isinstance(review, dict) or not isinstance(review.get("version"), str):
        return None
    return {"by": review.get("by", "?"), "date": review.get("date", "?"), "version": review["version"]}


# Replace the clinic file's medical_review block, or add one at its end; check the result, or put the file back.
def _write_review(path: Path, shown_name: str, by: str, date: datetime.date, version: str) -> None:
    text = path.read_text(encoding="utf-8")
    block = f"medical_review:\n  by: {json.dumps(by, ensure_ascii=False)}\n  date: {date.isoformat()}\n  version: \"{version}\"\n"
    if _BLOCK.search(text):
        updated = _BLOCK.sub(lambda _: block, text, count=1)
    else:
        updated = text + ("" if text.endswith("\n") or not text else "\n") + "\n" + _COMMENT + block
    path.write_text(updated, encoding="utf-8")
    try:
        load(path, shown_name)
    except PluginError:
        path.write_text(text, encoding="utf-8")
        raise


# `make review`: the arguments, and any problem as one clear message.
def main() -> int:
    parser = argparse.ArgumentParser(description="Record that a physician of the practice reviewed the medical content.")
    parser.add_argument("--by", required=True, help="the physician's name, as under practitioners in the clinic file")
    parser.add_argument("--clinic", required=True, help="the clinic file")
    parser.add_argument("--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    arguments = parser.parse_args()
    shown_name = arguments.clinic.strip()
    try:
        if not shown_name:
            raise PluginError('CLINIC: missing — name your clinic file: make review BY="Dr …" CLINIC=path/to/clinic.yml')
        print(record(arguments.by, Path(shown_name).resolve(), shown_name, arguments.config_file))
    except (PluginError, ConfigurationError, OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
