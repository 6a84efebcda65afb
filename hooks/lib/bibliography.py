"""The bibliography data file, read and checked."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .language_folders import default_language
from .plain_text import LANGUAGE_CODE, not_plain
from .yaml_limits import error_place

SOURCES_FILE = "data/sources.yml"
# What a source may be. The Sources page lists independent evaluations apart from the practitioners' own pages
# (and what they cite), so that a reader can tell them apart.
EVALUATION = "evaluation"
KINDS = [EVALUATION, "practitioner-website", "society-survey"]
# What a reader needs to judge a source: what it is, who wrote it, in which language, what it supports.
FIELDS = {
    "title": "its title as published",
    "author": "its author or publisher",
    "kind": "what it is: " + ", ".join(KINDS),
    "language": "the language it is written in, e.g. fr",
}
# What each source supports, in each of the site's languages (fr: …, en: …): the default language's is required;
# a language without its own shows the default language's, marked with its language (hooks/sources.py).
SUMMARY = "a short description of what it supports, in the site's default language"
# Keys are the anchors of the Sources page: lower-case words joined by hyphens.
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Every source by key, in the file's order; one PluginError listing every problem of the file.
def load(config: MkDocsConfig) -> dict[str, dict]:
    path = Path(config.config_file_path).parent / SOURCES_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), yaml.CSafeLoader)
    except OSError as error:
        raise PluginError(f"{SOURCES_FILE}: cannot be read ({error.strerror}) — restore the file.") from None
    except yaml.YAMLError as error:
        raise PluginError(f"{SOURCES_FILE}: not valid YAML ({error_place(error)}) — fix the syntax.") from None
    if not isinstance(data, dict) or not data:
        raise PluginError(f"{SOURCES_FILE}: must map each source key to its fields — see the first entry for the layout.")
    problems = []
    default = default_language(config)
    languages = [entry.locale for entry in config.plugins["i18n"].config.languages]
    for key, entry in data.items():
        if not isinstance(key, str) or not KEY.match(key):
            problems.append(f"{SOURCES_FILE}: {key}: not a usable key — use lower-case words joined by hyphens.")
        if not isinstance(entry, dict):
            problems.append(f"{SOURCES_FILE}: {key}: must hold the fields {', '.join(FIELDS)}, {default} — add them.")
            continue
        required = {**FIELDS, default: SUMMARY}
        problems += [f"{SOURCES_FILE}: {key}: {field}: missing — add {hint}."
                     for field, hint in required.items() if not isinstance(entry.get(field), str) or not entry[field].strip()]
        if isinstance(entry.get("kind"), str) and entry["kind"].strip() and entry["kind"] not in KINDS:
            close = difflib.get_close_matches(entry["kind"], KINDS, n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            problems.append(f"{SOURCES_FILE}: {key}: kind: {entry['kind']!r} is not a kind of source — {hint}"
                            f"use one of {', '.join(KINDS)} ({EVALUATION}: an independent evaluation, such as a "
                            "systematic review or a public health agency's report).")
        problems += [f"{SOURCES_FILE}: {key}: {field}: {problem}."
                     for field in (*FIELDS, *languages) if isinstance(entry.get(field), str) and (problem := not_plain(entry[field]))]
        if isinstance(entry.get("language"), str) and not LANGUAGE_CODE.fullmatch(entry["language"]):
            problems.append(f"{SOURCES_FILE}: {key}: language: {entry['language']!r} is not a language code — "
                            "write two lower-case letters, e.g. fr or en.")
        if entry.get("date") is not None and not re.match(r"^\d{4}(-\d{2}){0,2}$", str(entry["date"])):
            problems.append(f"{SOURCES_FILE}: {key}: date: {entry['date']!r} is not a date — write 1995, 1995-10 or 1995-10-01, or null if unknown.")
    if problems:
        raise PluginError("\n".join(problems))
    return data
