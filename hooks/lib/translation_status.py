"""Where each page's translation stands against its French original (for the hooks, and for
`make translations`: commands/translation_status.py).

A translation's front matter says which version of the French text it translates,
`translation_of: "3f2a9c1b"`: the first 8 hex digits of the SHA-256 of the French page's Markdown
below its front matter. A page whose translation is still to come has a stand-in file whose front
matter says `translation: pending`; the site shows the other language's text there.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from babel import Locale
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE

from . import page_schema
from .bibliography import load
from .build_state import state
from .language_folders import default_language, site_language_entries
from .page_files import PageFiles
from .page_schema import PENDING, PageContext

UP_TO_DATE, BEHIND, MISSING = "up to date", "behind", "missing"
# From best to worst: a page's state is the worst of its translations' states.
STATES = (UP_TO_DATE, BEHIND, PENDING, MISSING)

_STAMP_LINE = re.compile(r"^translation_of:.*$", re.MULTILINE)


@dataclass(frozen=True)
class PageFile:
    """One language's Markdown file of a page: its front matter, its text and the line the text starts on."""

    source: str
    path: str
    meta: dict
    body: str
    first_line: int

    @property
    def pending(self) -> bool:
        return self.meta.get("translation") == PENDING

    # The version of the text, as a translation's translation_of names it (blank lines at the ends
    # and spaces at line ends do not count); worked out once.
    @functools.cached_property
    def version(self) -> str:
        text = "\n".join(map(str.rstrip, self.body.strip("\n").splitlines()))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class TranslatedPage:
    """A page in every language: its name ("histoire") and its file in each language (None if missing)."""

    name: str
    files: dict[str, PageFile | None]
    original_language: str

    @property
    def original(self) -> PageFile | None:
        return self.files[self.original_language]

    @property
    def translation_languages(self) -> list[str]:
        return [language for language in self.files if language != self.original_language]

    # The language whose text stands in for this language's page: the original's, or else a translation's.
    def shown_for(self, language: str) -> str:
        return next(other for other, file in self.files.items() if other != language and file and not file.pending)

    # Where one translation stands against the original: up to date, behind, pending or missing.
    def state(self, language: str) -> str:
        original, translation = self.original, self.files[language]
        if original is None or translation is None:
            return MISSING
        if original.pending or translation.pending:
            return PENDING
        return UP_TO_DATE if translation.meta.get("translation_of") == original.version else BEHIND

    @property
    def overall_state(self) -> str:
        return max((self.state(language) for language in self.translation_languages), key=STATES.index)


# Every page of the site in every language, read from docs/<language>/ once per build (fresh: read again if changed
# since, as after stamping); front matter errors stop here.
def read_pages(config: MkDocsConfig, fresh: bool = False) -> dict[str, TranslatedPage]:
    docs = Path(config.docs_dir)
    original = default_language(config)
    languages = site_languages(config)
    names = sorted({name for language in languages for name in _names(docs / language)})
    source_keys = tuple(load(config))
    pages = {}
    for name in names:
        files = {language: _read(state(config).files, docs, language, name, original, fresh, source_keys) for language in languages}
        if all(file is None or file.pending for file in files.values()):
            stand_ins = ", ".join(file.path for file in files.values() if file)
            raise PluginError(f"{stand_ins}: translation: pending in every language — write the page in one language first.")
        pages[name] = TranslatedPage(name, files, original)
    return pages


# The pages of one language's folder, by their path in it without .md ("histoire", "soins/apres"); hidden
# files and folders left out. os.walk: faster than Path.rglob over thousands of pages.
def _names(folder: Path) -> Iterator[str]:
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        prefix = Path(parent).relative_to(folder).as_posix()  # "." for the folder itself
        for name in files:
            if name.endswith(".md") and not name.startswith("."):
                yield name[:-3] if prefix == "." else f"{prefix}/{name[:-3]}"


# The site's languages, the original first: ["fr", "en"].
def site_languages(config: MkDocsConfig) -> list[str]:
    original = default_language(config)
    return [original] + [entry.locale for entry in site_language_entries(config) if entry.locale != original]


# The language's name in English ("French"), for messages and the table's header.
def language_name(language: str) -> str:
    return Locale.parse(language).get_display_name("en")


# The files pages lack, each with how to fix it, in one line; None if every page is complete.
def missing_message(pages: dict[str, TranslatedPage], config: MkDocsConfig) -> str | None:
    docs = Path(config.docs_dir).name
    problems = []
    for page in pages.values():
        for language, file in page.files.items():
            if file is None:
                shown = page.shown_for(language)
                problems.append(
                    f"{docs}/{language}/{page.name}.md is missing — translate {page.files[shown].path} into it,"
                    f" or create it with the front matter `translation: pending` to show the {language_name(shown)}"
                    " text meanwhile"
                )
    return "; ".join(problems) + "." if problems else None


# Record, after a review, that the page's translations follow the current French text.
def stamp(pages: dict[str, TranslatedPage], name: str) -> list[str]:
    page = pages.get(name)
    if page is None:
        raise PluginError(f"{name}: no such page — use one of {', '.join(pages)}.")
    if page.overall_state in (PENDING, MISSING):
        raise PluginError(f"{name}: the translation is {page.overall_state} — only a written translation can be stamped.")
    line = f'translation_of: "{page.original.version}"'
    for language in page.translation_languages:
        source = Path(page.files[language].source)
        text = source.read_text(encoding="utf-8")
        front_matter = YAML_RE.match(text)
        if front_matter is None:
            text = f"---\n{line}\n---\n\n{text}"
        else:
            yaml_text = front_matter.group(1)
            yaml_text = _STAMP_LINE.sub(line, yaml_text, count=1) if _STAMP_LINE.search(yaml_text) else yaml_text + line + "\n"
            text = text[:front_matter.start(1)] + yaml_text + text[front_matter.end(1):]
        source.write_text(text, encoding="utf-8")
    return [page.files[language].path for language in page.translation_languages]


# The status table: page, each language's cell, state; columns padded to line up.
def table(pages: dict[str, TranslatedPage], config: MkDocsConfig) -> str:
    languages = site_languages(config)
    rows = [["page", *map(language_name, languages), "state"]]
    rows += [[page.name, *(_cell(page, language) for language in languages), page.overall_state] for page in pages.values()]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)


# One file's Markdown with its front matter held to the pages' schema; None if the file does not exist.
def _read(page_files: PageFiles, docs: Path, language: str, name: str, original: str, fresh: bool,
          source_keys: tuple[str, ...]) -> PageFile | None:
    source = f"{docs}/{language}/{name}.md"
    path = f"{docs.name}/{language}/{name}.md"
    try:
        text = page_files.read(source, fresh)
    except FileNotFoundError:
        return None
    except yaml.YAMLError as error:
        raise PluginError(f"{path}: the front matter is not valid YAML ({' '.join(str(error).split())}) — fix it.") from None
    meta = text.meta if isinstance(text.meta, dict) else {}
    problems = page_schema.problems(meta, PageContext(f"{PurePosixPath(name).name}.md", name, language, original, source_keys))
    if problems:
        raise PluginError("\n".join(f"{path}: {problem}" for problem in problems))
    return PageFile(source, path, meta, text.body, text.first_line)


# A table cell: the version of an original text, the version a translation follows, or pending/missing.
def _cell(page: TranslatedPage, language: str) -> str:
    file = page.files[language]
    if file is None or file.pending:
        return MISSING if file is None else PENDING
    if language == page.original_language or page.original is None or page.original.pending:
        return file.version
    return file.meta.get("translation_of") or "not stamped"
