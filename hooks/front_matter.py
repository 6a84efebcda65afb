"""Each page's front matter, checked in one place before anything is built; overdue editorial reviews noticed.

A page's front matter holds its editorial history (last update, next editorial review, sources); the medical
review is the clinic's (its clinic file's medical_review), never a page's."""
from __future__ import annotations

import datetime
import os
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib.bibliography import SOURCES_FILE, load
from lib.build_state import language_state, state
from lib.language_folders import inner_language_build
from lib.page_files import PageFiles
from lib.page_roles import CLINIC, CLINIC_PAGES, is_clinic
from lib.plain_text import not_plain
from lib.priorities import BEFORE_READING

log = get_plugin_logger(__name__)

DESCRIPTION = range(50, 161)
REVIEW_YEARS = 3


# Check every page of every language at once (in the default language's build, before other hooks read
# them), so that one failed build lists every problem.
@event_priority(BEFORE_READING)
def on_pre_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return
    keys = load(config)
    problems = []
    # os.walk and plain strings: faster than Path.rglob and Path objects over thousands of pages.
    pages = (os.path.join(folder, name) for folder, _, names in os.walk(config.docs_dir) for name in names if name.endswith(".md"))
    for path in sorted(pages):
        problems += [f"{_name(Path(path), config)}: {problem}" for problem in _problems(state(config).files, path, keys)]
    if problems:
        raise PluginError("\n".join(problems))


# Note a page whose next review date has passed: it still builds.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    due = page.meta.get("next_review")
    if isinstance(due, datetime.date) and due < datetime.date.today():
        language_state(config).overdue.append(f"{_name(Path(page.file.abs_src_path), config)} (due {due.isoformat()})")
    return markdown


# One notice listing every overdue page of this language: information for the editors, not a warning.
def on_post_build(config: MkDocsConfig) -> None:
    overdue = language_state(config).overdue
    if overdue:
        log.info(f"NOTICE: review overdue for {len(overdue)} page(s): {'; '.join(overdue)}"
                 " — review them, then update updated and next_review.")


# The page's file as the author knows it: docs/fr/histoire.md.
def _name(path: Path, config: MkDocsConfig) -> str:
    return path.resolve().relative_to(Path(config.config_file_path).resolve().parent).as_posix()


# Every problem of one page's front matter, as "field: what is wrong — how to fix it".
def _problems(page_files: PageFiles, path: str, keys: dict) -> list[str]:
    try:
        meta = page_files.read(path).meta
    except (OSError, UnicodeDecodeError) as error:
        return [f"file: cannot be read ({error}) — save it as UTF-8 text."]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark else ""
        return [f"front matter: not valid YAML ({where}{getattr(error, 'problem', None) or error}) — fix the syntax."]
    if meta is None:
        return ["front matter: missing — start the file with a --- block holding title, description, updated, next_review and sources."]
    if not isinstance(meta, dict):
        return ["front matter: must be a list of fields (title: …, description: …) — see README.md."]
    problems = _text(meta, "title", "write the page's title") + _description(meta)
    kind = meta.get("kind")
    if kind is not None and kind != CLINIC:
        problems.append(f"kind: {kind!r} is not a kind of page — write kind: {CLINIC} for a page about the practice, or leave it out.")
    elif kind == CLINIC and os.path.basename(path) not in CLINIC_PAGES:
        problems.append(f"kind: {CLINIC} is only for the pages about the practice ({', '.join(CLINIC_PAGES)}) — remove it: "
                        "a medical page keeps its review, sources and disclaimer.")
    problems += _plain_text(meta)
    if is_clinic(meta):
        return problems
    return (problems + _review_dates(meta) + _no_reviewer(meta) + _sources(meta, keys)
            + _flag(meta, "care_box") + _names(meta, "contraindications") + _names(meta, "adverse_outcomes"))


# The fields pages show as text (title, description, reviewer, structured data names): plain text, no markup.
def _plain_text(meta: dict) -> list[str]:
    reviewer = meta.get("reviewer") if isinstance(meta.get("reviewer"), dict) else {}
    fields = [("title", meta.get("title")), ("description", meta.get("description")),
              ("reviewer: name", reviewer.get("name")), ("reviewer: role", reviewer.get("role"))]
    for field in ("contraindications", "adverse_outcomes"):
        if isinstance(meta.get(field), list):
            fields += [(f"{field}: {number}", value) for number, value in enumerate(meta[field], 1)]
    return [f"{field}: {problem}." for field, value in fields
            if isinstance(value, str) and (problem := not_plain(value))]


# A required line of text.
def _text(meta: dict, field: str, fix: str) -> list[str]:
    value = meta.get(field)
    if not isinstance(value, str) or not value.strip():
        return [f"{field}: missing — {fix}."]
    return []


# The summary shown by search engines and link previews: 50 to 160 characters.
def _description(meta: dict) -> list[str]:
    shortest, longest = DESCRIPTION.start, DESCRIPTION.stop - 1
    missing = _text(meta, "description", f"write a summary of the page of {shortest} to {longest} characters")
    if missing:
        return missing
    length = len(meta["description"].strip())
    if length < shortest:
        return [f"description: too short ({length} characters) — write at least {shortest} characters that sum up the page."]
    if length > longest:
        return [f"description: too long ({length} characters) — shorten it to {longest} characters at most."]
    return []


# Last editorial update in the past, next editorial review after it and at most three years later.
def _review_dates(meta: dict) -> list[str]:
    problems = []
    dates = {}
    for field in ("updated", "next_review"):
        value = meta.get(field)
        if value is None:
            problems.append(f"{field}: missing — add {field}: YYYY-MM-DD.")
        elif not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            problems.append(f"{field}: '{value}' is not a date — write a real date as YYYY-MM-DD, without quotes.")
        else:
            dates[field] = value
    updated, next_review = dates.get("updated"), dates.get("next_review")
    if updated and updated > datetime.date.today():
        problems.append(f"updated: {updated} is in the future — write the date of the last update of the text.")
    if updated and next_review:
        if next_review <= updated:
            problems.append(f"next_review: {next_review} is not after updated ({updated}) — set the next review after the last update.")
        elif next_review > _years_after(updated, REVIEW_YEARS):
            problems.append(f"next_review: {next_review} is more than {REVIEW_YEARS} years after updated ({updated})"
                            f" — set it on or before {_years_after(updated, REVIEW_YEARS)}.")
    return problems


# No page names a reviewing physician: each clinic's physician reviews the shared pages (medical_review in its file).
def _no_reviewer(meta: dict) -> list[str]:
    problems = []
    if "reviewer" in meta:
        problems.append("reviewer: not a page field — the medical review is recorded in the clinic file (medical_review,"
                        " written by make review); remove the reviewer lines.")
    if "reviewed" in meta:
        problems.append("reviewed: renamed — write updated: for the date of the last editorial update.")
    return problems


# Keys of the bibliography, each once.
def _sources(meta: dict, keys: dict) -> list[str]:
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources:
        return [f"sources: missing — list the keys of {SOURCES_FILE} this page relies on: sources: [key, …]."]
    problems = [f"sources: unknown key {key!r} — use one of {', '.join(keys)}, or add it to {SOURCES_FILE}."
                for key in sources if not isinstance(key, str) or key not in keys]
    repeated = sorted({str(key) for key in sources if sources.count(key) > 1})
    if repeated:
        problems.append(f"sources: {', '.join(repeated)} listed twice — keep each key once.")
    return problems


# An optional yes/no field.
def _flag(meta: dict, field: str) -> list[str]:
    if field in meta and not isinstance(meta[field], bool):
        return [f"{field}: {meta[field]!r} is not true or false — write {field}: true, or leave it out."]
    return []


# An optional list of short names, in the page's own words.
def _names(meta: dict, field: str) -> list[str]:
    if field in meta and (not isinstance(meta[field], list) or not meta[field]
                          or not all(isinstance(name, str) and name.strip() for name in meta[field])):
        return [f"{field}: must be a list of names — write {field}: [name, …] with the page's own words, or leave it out."]
    return []


# The same day some years later (28 February for 29 February).
def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
