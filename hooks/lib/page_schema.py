"""Every field of a page's front matter in one schema (a helper module for the hooks, not a hook itself): the
front matter checks (hooks/front_matter.py) and `make translations` (commands/translation_status.py) hold a page to
it, so that one failed build lists every problem of every page, one line each, as "field: what is wrong — fix".

A page's front matter holds its editorial history (last update, next editorial review, sources); the medical
review is the clinic's (its clinic file's medical_review), never a page's."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .bibliography import SOURCES_FILE
from .page_roles import CLINIC, CLINIC_PAGES
from .plain_text import not_plain

DESCRIPTION = range(50, 161)
REVIEW_YEARS = 3
PENDING = "pending"
# A translation's translation_of: the first 8 hex digits of the SHA-256 of its original's text.
VERSION = re.compile(r"[0-9a-f]{8}")


@dataclass(frozen=True)
class PageContext:
    """What a page's fields are checked against: its file name ("histoire.md") and page name ("histoire"), its
    language and the site's original language, and the bibliography's keys."""

    file_name: str
    name: str
    language: str
    original: str
    source_keys: tuple[str, ...]


class FrontMatter(BaseModel):
    """A page's front matter. Fields are checked in this order (a content page's review and sources need to
    know its kind); other fields (Material's own, such as hide) are left as written."""

    model_config = ConfigDict(extra="allow")

    kind: Any = None
    title: Any = Field(None, validate_default=True)
    description: Any = Field(None, validate_default=True)
    keywords: Any = None
    template: Any = None
    translation: Any = None
    translation_of: Any = None
    updated: Any = Field(None, validate_default=True)
    next_review: Any = Field(None, validate_default=True)
    sources: Any = Field(None, validate_default=True)
    care_box: Any = None
    contraindications: Any = None
    adverse_outcomes: Any = None
    reviewer: Any = None
    reviewed: Any = None

    # A page about the practice (kind: clinic): only the practice page and the legal notice.
    @field_validator("kind")
    @classmethod
    def _kind(cls, kind: Any, info: ValidationInfo) -> Any:
        if kind is not None and kind != CLINIC:
            _fail(f"kind: {kind!r} is not a kind of page — write kind: {CLINIC} for a page about the practice, or leave it out.")
        if kind == CLINIC and info.context.file_name not in CLINIC_PAGES:
            _fail(f"kind: {CLINIC} is only for the pages about the practice ({', '.join(CLINIC_PAGES)}) — remove it: "
                  "a medical page keeps its review, sources and disclaimer.")
        return kind

    # The page's title, shown as plain text.
    @field_validator("title")
    @classmethod
    def _title(cls, title: Any) -> str:
        _required(title, "title", "write the page's title")
        if problem := not_plain(title):
            _fail(f"title: {problem}.")
        return title

    # The summary shown by search engines and link previews: 50 to 160 characters of plain text.
    @field_validator("description")
    @classmethod
    def _description(cls, description: Any) -> str:
        shortest, longest = DESCRIPTION.start, DESCRIPTION.stop - 1
        _required(description, "description", f"write a summary of the page of {shortest} to {longest} characters")
        length = len(description.strip())
        problems = [f"description: {problem}." for problem in [not_plain(description)] if problem]
        if length < shortest:
            problems.append(f"description: too short ({length} characters) — write at least {shortest} characters that sum up the page.")
        if length > longest:
            problems.append(f"description: too long ({length} characters) — shorten it to {longest} characters at most.")
        if problems:
            _fail(*problems)
        return description

    # Words the page is found by in its language's search (hooks/search.py).
    @field_validator("keywords")
    @classmethod
    def _keywords(cls, keywords: Any) -> list[str]:
        if not isinstance(keywords, list) or not all(isinstance(word, str) for word in keywords):
            _fail("keywords: must be a list of words — write keywords: [bleu, ecchymose].")
        return keywords

    # A stand-in for a translation still to come (hooks/translations.py shows the other language's text).
    @field_validator("translation")
    @classmethod
    def _translation(cls, translation: Any) -> str:
        if translation != PENDING:
            _fail(f"translation: the only value is {PENDING} — remove the line once the page is translated.")
        return translation

    # The version of the original's text a translation follows (written by make translations STAMP=…).
    @field_validator("translation_of")
    @classmethod
    def _translation_of(cls, version: Any, info: ValidationInfo) -> str:
        if info.context.language == info.context.original:
            _fail("translation_of: this page is the original, not a translation — remove the line.")
        if not isinstance(version, str) or not VERSION.fullmatch(version):
            _fail("translation_of: must be the 8-character version of the French text, in quotes"
                  f" — run `make translations STAMP={info.context.name}` to write it.")
        return version

    # Last editorial update of a content page: a date, not in the future.
    @field_validator("updated")
    @classmethod
    def _updated(cls, updated: Any, info: ValidationInfo) -> datetime.date | None:
        if _about_the_practice(info):
            return updated
        updated = _date(updated, "updated")
        if updated > datetime.date.today():
            _fail(f"updated: {updated} is in the future — write the date of the last update of the text.")
        return updated

    # Next editorial review of a content page: after the last update, at most REVIEW_YEARS later.
    @field_validator("next_review")
    @classmethod
    def _next_review(cls, next_review: Any, info: ValidationInfo) -> datetime.date | None:
        if _about_the_practice(info):
            return next_review
        next_review = _date(next_review, "next_review")
        updated = info.data.get("updated")
        if isinstance(updated, datetime.date):
            if next_review <= updated:
                _fail(f"next_review: {next_review} is not after updated ({updated}) — set the next review after the last update.")
            if next_review > _years_after(updated, REVIEW_YEARS):
                _fail(f"next_review: {next_review} is more than {REVIEW_YEARS} years after updated ({updated})"
                      f" — set it on or before {_years_after(updated, REVIEW_YEARS)}.")
        return next_review

    # A content page's sources: keys of the bibliography, each once.
    @field_validator("sources")
    @classmethod
    def _sources(cls, sources: Any, info: ValidationInfo) -> list[str] | None:
        if _about_the_practice(info):
            return sources
        if not isinstance(sources, list) or not sources:
            _fail(f"sources: missing — list the keys of {SOURCES_FILE} this page relies on: sources: [key, …].")
        keys = info.context.source_keys
        problems = [f"sources: unknown key {key!r} — use one of {', '.join(keys)}, or add it to {SOURCES_FILE}."
                    for key in sources if not isinstance(key, str) or key not in keys]
        repeated = sorted({str(key) for key in sources if sources.count(key) > 1})
        if repeated:
            problems.append(f"sources: {', '.join(repeated)} listed twice — keep each key once.")
        if problems:
            _fail(*problems)
        return sources

    # The "when to contact a doctor" box: yes or no.
    @field_validator("care_box")
    @classmethod
    def _care_box(cls, care_box: Any) -> bool:
        if not isinstance(care_box, bool):
            _fail(f"care_box: {care_box!r} is not true or false — write care_box: true, or leave it out.")
        return care_box

    # Names for the structured data, in the page's own words, shown as plain text.
    @field_validator("contraindications", "adverse_outcomes")
    @classmethod
    def _names(cls, names: Any, info: ValidationInfo) -> list[str]:
        field = info.field_name
        if not isinstance(names, list) or not names or not all(isinstance(name, str) and name.strip() for name in names):
            _fail(f"{field}: must be a list of names — write {field}: [name, …] with the page's own words, or leave it out.")
        problems = [f"{field}: {number}: {problem}." for number, name in enumerate(names, 1) if (problem := not_plain(name))]
        if problems:
            _fail(*problems)
        return names

    # No page names a reviewing physician: each clinic's physician reviews the shared pages (medical_review in
    # its clinic file).
    @field_validator("reviewer")
    @classmethod
    def _reviewer(cls, reviewer: Any) -> None:
        _fail("reviewer: not a page field — the medical review is recorded in the clinic file (medical_review,"
              " written by make review); remove the reviewer lines.")

    # The former name of updated.
    @field_validator("reviewed")
    @classmethod
    def _reviewed(cls, reviewed: Any) -> None:
        _fail("reviewed: renamed — write updated: for the date of the last editorial update.")


# Every problem of a page's front matter (a mapping), as "field: what is wrong — how to fix it"; none if it fits.
def problems(meta: dict, context: PageContext) -> list[str]:
    try:
        FrontMatter.model_validate(meta, context=context)
    except ValidationError as error:
        return [line for problem in error.errors() for line in _lines(problem)]
    return []


# A problem's lines: the schema's own messages as written, pydantic's (none expected) with the field's name.
def _lines(problem: dict) -> list[str]:
    if problem["type"] == "front_matter":
        return problem["ctx"]["problems"].split("\n")
    return [f"{'.'.join(map(str, problem['loc']))}: {problem['msg']} — see guides/authors.md, Front matter."]


# Stop checking a field, with its problems, each a whole line.
def _fail(*problems: str) -> None:
    raise PydanticCustomError("front_matter", "{problems}", {"problems": "\n".join(problems)})


# A page about the practice (kind: clinic) shows no review, sources, care box or disclaimer.
def _about_the_practice(info: ValidationInfo) -> bool:
    return info.data.get("kind") == CLINIC


# A required line of text.
def _required(value: Any, field: str, fix: str) -> None:
    if not isinstance(value, str) or not value.strip():
        _fail(f"{field}: missing — {fix}.")


# A required date, written as YYYY-MM-DD (an impossible date stays text, see page_files).
def _date(value: Any, field: str) -> datetime.date:
    if value is None:
        _fail(f"{field}: missing — add {field}: YYYY-MM-DD.")
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        _fail(f"{field}: '{value}' is not a date — write a real date as YYYY-MM-DD, without quotes.")
    return value


# The same day some years later (28 February for 29 February).
def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
