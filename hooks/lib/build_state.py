"""What a build gathers as it goes, in one place: a BuildState for the whole build (every language: static-i18n
builds the others inside the default one, with the same configuration) and a LanguageState per language.

hooks/build_start.py starts a fresh one first thing in each build (mkdocs serve loads a new configuration for
every rebuild, and the state lives on it), so nothing a hook noted survives into the next build; hooks reach it
with state(config). Commands that read pages without building get one the first time they ask.
"""
from __future__ import annotations

import collections
from typing import Any, Callable, Hashable, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .page_files import PageFiles
from .preview import Memo, preview_memo

_Worked = TypeVar("_Worked")

# The configuration's attribute holding the build's state (not a key: MkDocs would validate it).
_ATTRIBUTE = "site_build_state"


class LanguageState:
    """What one language's build notes about its pages, for its later events."""

    def __init__(self) -> None:
        self.overdue: list[str] = []  # front matter: pages whose next review has passed, as "file (due date)"
        self.measured_pages: list[tuple[str, str, str]] = []  # reading level: page, its text's language, its HTML
        self.search_pages: list[tuple[dict, str]] = []  # search: each page's entry in the index, and its HTML
        self.search_root = ""  # search: the language's folder, which page URLs are relative to
        self.alternates: dict[str, list[dict]] = {}  # hreflang: by page file, the page's alternates
        self.questions: dict[str, list[dict]] = {}  # structured data: by page file, the FAQ's questions
        self.structured_data: dict[str, str] = {}  # structured data: by page file, the page's JSON-LD


class BuildState:
    """What the whole build notes, across its languages."""

    def __init__(self, memo: Memo | None = None) -> None:
        self._memo = memo  # the preview's (hooks/lib/preview.py): work its earlier builds did for the same input
        self.files = PageFiles(self.remembered)  # every Markdown page file, read once per build
        self.clinic: dict[str, Any] = {}  # the clinic file, its stylesheet and their published names (clinic.py)
        self.bibliography: dict[str, dict] = {}  # data/sources.yml, by key (sources.py)
        self.translated_pages: dict[str, Any] = {}  # every page in every language (translations.py)
        self.site_languages: list[str] = []  # the site's languages, the original first (translations.py)
        self.default_language = ""  # the language served at the site root (languages.py)
        self.default_not_found = ""  # the default language's 404 page (languages.py)
        self.class_values: set[str] = set()  # the pages' class attributes, a space apart (assets.py)
        self.published_names: dict[str, str] = {}  # what the pages link to → its published name (assets.py)
        self.output_sources: dict[str, str] = {}  # each published file → its source, as its author knows it
        self.hook_seconds: collections.Counter[str] = collections.Counter()  # hook_timing.py's report
        self.hook_calls: collections.Counter[str] = collections.Counter()
        self.started: float | None = None  # CPU time at the build's start (hook_timing.py)
        self._languages: dict[str, LanguageState] = {}

    # One language's state, started the first time the language asks.
    def language(self, code: str) -> LanguageState:
        return self._languages.setdefault(code, LanguageState())

    # What work() gives: work that depends only on the key, which the preview's rebuilds do once per key.
    def remembered(self, key: Hashable, work: Callable[[], _Worked]) -> _Worked:
        return work() if self._memo is None else self._memo.get(key, work)


# A fresh state for the build starting with this configuration.
def start(config: MkDocsConfig) -> BuildState:
    setattr(config, _ATTRIBUTE, BuildState(preview_memo(config)))
    return getattr(config, _ATTRIBUTE)


# This build's state (one is started for a configuration that never built: a command reading pages).
def state(config: MkDocsConfig) -> BuildState:
    return getattr(config, _ATTRIBUTE, None) or start(config)


# The state of the language being built.
def language_state(config: MkDocsConfig) -> LanguageState:
    return state(config).language(config.theme["language"])


# What work() gives for the page, noted by page file in notes: the first page asking works it out for every page of
# the navigation, in a row (faster than one at a time, between the rendering of pages).
def for_every_page(notes: dict[str, _Worked], page: Page, nav: Navigation, work: Callable[[Page], _Worked]) -> _Worked:
    if page.file.src_uri not in notes:
        for each in (page, *nav.pages):
            if each.file.src_uri not in notes:
                notes[each.file.src_uri] = work(each)
    return notes[page.file.src_uri]
