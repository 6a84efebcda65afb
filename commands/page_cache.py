"""What the authors' preview (`make serve`, commands/preview.py) keeps of each page between its rebuilds, so that a
save re-renders only the pages it touches.

Every rebuild is still a whole MkDocs build, with every event of every hook and plugin: only the two page steps
of MkDocs' build (reading and rendering a page's Markdown; writing its HTML through the theme's template) are
answered from the cache when what they are made from is unchanged. What they are made from, by construction:

- reading a page: its own file and its other languages' files (a translation's status comes from its original),
  as the build's hooks read them; the list of every file in docs/ and everything that is not a page (mkdocs.yml
  and what it inherits, hooks/, overrides/, data/, docs/'s images and scripts), read before the build starts; the
  date; and what the build made of them (the languages the site has written pages in, the clinic file's details,
  the logo's published name). A file saved during a build thus makes the next build's keys differ, never the
  reverse;
- writing a page: all of that, the page's content once every page is read (the glossary marks it then), its
  title, table of contents and front matter, its languages' front matter, and its language's menu (every page's
  title and address, in order).

A step answered from the cache does what the step did when it ran: the page gets back the attributes the step
set, the build's state (hooks/lib/build_state.py) gets back what the step added to it, the step's messages are
logged again (so the preview's banners and the terminal show them), and the page's HTML is written as it was.
A step that changed the build's state in a way the cache cannot replay is never cached. tests/test_preview_equality.py
compares the preview, edit after edit, with a clean `make site` of the same tree.
"""
from __future__ import annotations

import collections
import copy
import datetime
import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Any, Callable, Hashable

import yaml
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib import build_state
from lib.language_folders import site_language_entries

# The two page steps of MkDocs' build (mkdocs/commands/build.py), which the cache answers for.
_STEPS = ("_populate_page", "_build_page")
# Page attributes that point at other pages or files of the build: never carried from one build to the next.
_LINKED = {"file", "parent", "previous_page", "next_page", "children", "active"}


class StepRecord:
    """What one step did: the page attributes it set, its links to other pages' anchors (by target file) and what it
    added to the build's state (as (state, attribute, how, what)), kept pickled: each replay gets its own copy; what
    it logged; and the page's HTML (writing steps)."""

    def __init__(self) -> None:
        self.saved = b""
        self.messages: list[logging.LogRecord] = []
        self.output: bytes | None = None


class PageCache:
    """The last record of each page step, by page and language, with the key it was made under."""

    def __init__(self) -> None:
        self._records: dict[tuple[str, str, str], tuple[Hashable, StepRecord]] = {}
        self._files_signature = ""  # what the build reads besides its pages, as it was before the build started
        self._inputs: str | None = None  # with what the build made of it, worked out at the build's first page
        self._page_uris: set[str] = set()  # every page file of the build, as notes by page are keyed
        self._languages_files: dict[int, dict[str, Any]] = {}  # each language's files, by name
        self._nav_signatures: dict[int, str] = {}
        self.steps = collections.Counter()  # per build: steps "run", and steps "reused" from the cache

    # Build the site with this cache. What the build reads besides its pages is read first: a file saved during the
    # build then makes the next build's keys differ from this one's, never the other way round.
    def build(self, config: MkDocsConfig, **options: Any) -> None:
        self._files_signature = _files_signature(config)
        self._inputs = None
        self._nav_signatures.clear()
        self.steps.clear()
        self._page_uris = set()
        self._languages_files = {}
        mkdocs_build.build(config, **options)

    # Answer MkDocs' page steps from this cache (for this process: the preview's own).
    def install(self) -> None:
        for name in _STEPS:
            if not callable(getattr(mkdocs_build, name, None)):
                raise PluginError(f"mkdocs.commands.build.{name} is missing: the preview's page cache "
                                  "(commands/page_cache.py) expects MkDocs as requirements.txt pins it.")
        original_populate, original_build = mkdocs_build._populate_page, mkdocs_build._build_page

        def populate(page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
            self._step("read", page, config, self._read_key(page, config, files),
                       lambda: original_populate(page, config, files, dirty), files)

        def write(page: Page, config: MkDocsConfig, doc_files, nav, env, dirty: bool = False,
                  excluded: bool = False) -> None:
            self._step("write", page, config, self._write_key(page, config, nav),
                       lambda: original_build(page, config, doc_files, nav, env, dirty, excluded), None)

        mkdocs_build._populate_page, mkdocs_build._build_page = populate, write

    # Run a step, or replay its record when its key is unchanged.
    def _step(self, step: str, page: Page, config: MkDocsConfig, key: Hashable, run: Callable[[], None],
              files: Files | None) -> None:
        place = (step, config.theme["language"], page.file.src_uri)
        known = self._records.get(place)
        if known is not None and known[0] == key:
            self.steps["reused"] += 1
            _replay(known[1], page, config, self._languages_files.get(id(files), {}))
            return
        self.steps["run"] += 1
        self._records.pop(place, None)
        record = _record(page, config, run, self._page_uris)
        if record is not None:
            self._records[place] = key, record

    # A reading step's key: what every page is read with, and the page's files in every language, their text itself
    # (compared whole: cheaper than hashing it, and exact).
    def _read_key(self, page: Page, config: MkDocsConfig, files: Files | None) -> tuple:
        if self._inputs is None:
            self._inputs = _inputs_signature(self._files_signature, config, build_state.state(config))
        if files is not None and id(files) not in self._languages_files:  # each language's build has its files
            self._languages_files[id(files)] = {file.src_uri: file for file in files}
            self._page_uris.update(file.src_uri for file in files.documentation_pages())
        language, _, name = page.file.src_uri.partition("/")
        languages = [entry.locale for entry in site_language_entries(config)]
        paths = [os.path.join(config.docs_dir, code, name) for code in languages]
        return (self._inputs, config.theme["language"], page.file.src_uri, page.file.url,
                *(_page_text(config, path) for path in (paths if language in languages else [page.file.abs_src_path or ""])))

    # A writing step's key: its reading key, then what the page became once every page was read (its content itself,
    # compared whole: the glossary's memo gives an unchanged page the same text as before), and its menu.
    def _write_key(self, page: Page, config: MkDocsConfig, nav) -> tuple:
        if id(nav) not in self._nav_signatures:
            self._nav_signatures[id(nav)] = _nav_signature(nav)
        translated = build_state.state(config).translated_pages.get(
            page.file.src_uri.partition("/")[2].removesuffix(".md"))
        return (self._read_key(page, config, None), self._nav_signatures[id(nav)], page.title, page.content,
                _toc_signature(page.toc), repr(page.meta),
                repr(translated and {code: own and own.meta for code, own in translated.files.items()}))


# Run a step, noting what it did; None when it did what cannot be replayed.
def _record(page: Page, config: MkDocsConfig, run: Callable[[], None], pages: set[str]) -> StepRecord | None:
    record = StepRecord()
    before_page = {name: (value, _shallow_copy(value)) for name, value in vars(page).items()}
    before = _state_sizes(config)
    catcher = _Messages(record.messages)
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(catcher)
    written: list[tuple[str, bytes]] = []
    original_write = utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        written.append((output_path, content))
        original_write(content, output_path)

    utils.write_file = write_file
    try:
        run()
    finally:
        utils.write_file = original_write
        mkdocs_logger.removeHandler(catcher)
    attributes, anchor_links = {}, None
    for name, value in vars(page).items():
        if name in _LINKED or _unchanged(before_page.get(name), value):
            continue
        if name == "links_to_anchors":
            anchor_links = {target.src_uri: links for target, links in value.items()}
        else:
            attributes[name] = value
    added = _state_added(config, before, page.file.src_uri, pages)
    if added is None or any(path != page.file.abs_dest_path for path, _ in written):  # only its page is rewritten
        return None
    try:
        record.saved = pickle.dumps((attributes, anchor_links, added), pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):  # what cannot be copied cannot be replayed
        return None
    record.output = written[-1][1] if written else None
    return record


# A container's items as they are now (a step may change a page's set or dictionary in place).
def _shallow_copy(value: Any) -> Any:
    return copy.copy(value) if isinstance(value, (dict, set, list)) else None


# Whether a page attribute is as it was before the step: the same object, with the same items.
def _unchanged(before: tuple[Any, Any] | None, value: Any) -> bool:
    return before is not None and before[0] is value and (before[1] is None or before[1] == value)


# Do again what a recorded step did, without running it.
def _replay(record: StepRecord, page: Page, config: MkDocsConfig, files: dict[str, Any]) -> None:
    attributes, anchor_links, added = pickle.loads(record.saved)
    for name, value in attributes.items():
        setattr(page, name, value)
    if anchor_links is not None:
        page.links_to_anchors = {files[target]: links for target, links in anchor_links.items() if target in files}
    holders = _state_holders(config)
    for holder, name, how, what in added:
        value = getattr(holders[holder], name)
        if how == "list":
            value.extend(what)
        elif how == "set":
            value.update(what)
        else:
            value[what[0]] = what[1]
    for message in record.messages:
        logging.getLogger(message.name).handle(message)
    if record.output is not None:
        utils.write_file(record.output, page.file.abs_dest_path)


# The build's state and the language's, by name.
def _state_holders(config: MkDocsConfig) -> dict[str, object]:
    return {"build": build_state.state(config), "language": build_state.language_state(config)}


# What the state holds before a step: each list's length, each set and each dictionary (copied).
def _state_sizes(config: MkDocsConfig) -> dict[tuple[str, str], Any]:
    sizes = {}
    for holder, value in _state_holders(config).items():
        for name, held in vars(value).items():
            if isinstance(held, list):
                sizes[holder, name] = (id(held), len(held))
            elif isinstance(held, (set, dict)) and not isinstance(held, collections.Counter):
                sizes[holder, name] = (id(held), len(held), set(held) if isinstance(held, set) else dict(held))
            else:
                sizes[holder, name] = (id(held),)
    return sizes


# What a step added to the state: items at the end of lists, members of sets, and the entries of dictionaries
# under the page's own file (notes other pages make for it, in a row, it makes again); None when the step
# changed the state otherwise (replaced a value, removed anything), which a replay could not do again.
def _state_added(config: MkDocsConfig, before: dict, own: str, pages: set[str]) -> list[tuple[str, str, str, Any]] | None:
    added = []
    for holder, value in _state_holders(config).items():
        for name, held in vars(value).items():
            was = before.get((holder, name))
            if was is None or was[0] != id(held):
                return None
            if isinstance(held, collections.Counter):
                continue  # the hooks' timing
            if isinstance(held, list):
                if len(held) < was[1]:
                    return None
                if len(held) > was[1]:
                    added.append((holder, name, "list", held[was[1]:]))
            elif isinstance(held, set):
                if not was[2] <= held:
                    return None
                if len(held) > was[1]:
                    added.append((holder, name, "set", held - was[2]))
            elif isinstance(held, dict):
                old = was[2]
                if any(key not in held for key in old):
                    return None
                for key, item in held.items():
                    if key == own:
                        added.append((holder, name, "entry", (key, item)))
                    elif (key not in old or old[key] is not item) and key not in pages:
                        return None
    return added


class _Messages(logging.Handler):
    """The messages a step logs, kept to be logged again when the step is replayed."""

    def __init__(self, kept: list[logging.LogRecord]) -> None:
        super().__init__(logging.INFO)
        self._kept = kept

    def emit(self, record: logging.LogRecord) -> None:
        self._kept.append(record)


# A file's bytes (empty for a file that is not there).
def _file_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return b"\0missing"


# A page's file as this build's hooks read it (hooks/lib/page_files.py: once per build, at its start), so that the
# key holds what the build used even when the file is saved again meanwhile.
def _page_text(config: MkDocsConfig, path: str) -> str | bytes | None:
    try:
        return build_state.state(config).files.read(path).text
    except OSError:
        return None  # no such page
    except Exception:  # noqa: BLE001 - a page the build cannot read fails it: its key need only be its own
        return _file_bytes(path)


# What every page is read with: the files the build reads besides the pages (read before it started), the date
# (overdue reviews, "updated" in words), and what the build made of them: the languages the site has written pages
# in, the site's address, the clinic's details and the logo's published name (after its content).
def _inputs_signature(files_signature: str, config: MkDocsConfig, state: build_state.BuildState) -> str:
    digest = hashlib.sha256(files_signature.encode())
    digest.update(f"\0{state.site_languages}\0{config.site_url}".encode())
    digest.update(repr((dict(config.extra), [config.theme[name] for name in ("logo", "favicon") if name in config.theme]))
                  .encode())
    return digest.hexdigest()


# Everything the build reads that is not a page: mkdocs.yml and what it inherits, hooks/, data/, overrides/,
# docs/'s other files, the names of the pages; and the date. (A clinic file outside data/ counts through what the
# build made of it: _inputs_signature.)
def _files_signature(config: MkDocsConfig) -> str:
    digest = hashlib.sha256(str(datetime.date.today()).encode())
    project = Path(config.config_file_path).parent
    docs = Path(config.docs_dir).resolve()
    roots = [*_config_files(Path(config.config_file_path)), project / "hooks", project / "data"]
    if config.theme.custom_dir:
        roots.append(Path(config.theme.custom_dir))
    for root in sorted({path.resolve() for path in roots}):
        if root == docs or docs in root.parents or root in docs.parents:
            continue
        for path in _files_under(root):
            digest.update(f"\0{path}\0".encode() + _file_bytes(str(path)))
    for path in _files_under(docs):
        digest.update(f"\0{path}\0".encode())
        if path.suffix != ".md":
            digest.update(_file_bytes(str(path)))
    return digest.hexdigest()


# The configuration file and those it inherits from.
def _config_files(path: Path) -> list[Path]:
    found = [path]
    try:
        inherited = (yaml.load(path.read_text(encoding="utf-8"), yaml.CSafeLoader) or {}).get("INHERIT")
    except (OSError, yaml.YAMLError, AttributeError):
        return found
    if isinstance(inherited, str):
        found += _config_files((path.parent / inherited).resolve())
    return found


# Every file under a folder (or the file itself), in a stable order.
def _files_under(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(Path(folder, name) for folder, _, names in os.walk(root) for name in names
                  if "__pycache__" not in folder)


# A table of contents as its headings, addresses and levels.
def _toc_signature(links) -> str:
    return repr([(link.title, link.url, link.level, _toc_signature(link.children)) for link in links])


# A language's menu: every page's title and address, and the sections around them, in order.
def _nav_signature(nav) -> str:
    def item(each) -> str:
        children = getattr(each, "children", None) or []
        return repr((type(each).__name__, each.title, getattr(each, "url", None), [item(child) for child in children]))

    return hashlib.sha256("".join(item(each) for each in nav.items).encode()).hexdigest()
