"""Each Markdown page file read once per build: the front matter checks, the translations and the language
links all ask for the same files, in every language's build."""
from __future__ import annotations

import os
from typing import Any, Callable, Hashable, NamedTuple

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE

from . import yaml_limits

# A page for patients is a few kilobytes (this site's longest, 8 kB; the benchmark corpus's, 27 kB); far longer
# text is pasted by mistake, and would slow every step of the build.
PAGE_MAX_BYTES = 256_000


class PageFileText(NamedTuple):
    """A page file as written: its whole text, its front matter (None if it has none), and where the text
    below the front matter starts (character and line)."""

    text: str
    meta: Any
    body_start: int
    first_line: int

    # The text below the front matter.
    @property
    def body(self) -> str:
        return self.text[self.body_start:]


class PageFiles:
    """The page files one build has read (hooks/lib/build_state.py gives each build its own: the first read of a
    file in a build is always fresh, whichever hook asks first)."""

    def __init__(self, remembered: Callable[[Hashable, Callable[[], Any]], Any]) -> None:
        self._read: dict[str, tuple[int, PageFileText]] = {}  # by path: its modification time when read, its text
        # The build state's remembered() (hooks/lib/build_state.py): in the preview, front matter parsed by earlier
        # builds, by its text.
        self._remembered = remembered

    # The page file at this path (fresh: parsed again if it changed since it was read, as after a command rewrote
    # it). Raises OSError or UnicodeDecodeError for an unreadable file, yaml.YAMLError for broken front matter (or
    # front matter over the limits of yaml_limits), PluginError for a page over PAGE_MAX_BYTES.
    def read(self, source: str | os.PathLike, fresh: bool = False) -> PageFileText:
        path = os.fspath(source)
        known = self._read.get(path)
        if known is None or fresh:
            modified = os.stat(path).st_mtime_ns
            if known is None or known[0] != modified:
                known = self._read[path] = modified, _parse(path, self._remembered)
        return known[1]


# The file's text, and its front matter parsed with libyaml (this runs for every page).
def _parse(path: str, remembered: Callable[[Hashable, Callable[[], Any]], Any]) -> PageFileText:
    with open(path, encoding="utf-8-sig") as file:
        text = file.read(PAGE_MAX_BYTES + 1)  # a page far over the limit is never read whole
        too_long = len(text) > PAGE_MAX_BYTES or os.fstat(file.fileno()).st_size > PAGE_MAX_BYTES
    if too_long:
        raise PluginError(f"{os.path.relpath(path)}: longer than the {PAGE_MAX_BYTES // 1000} kB a page may hold — "
                          "split it into several pages (or remove text pasted by mistake).")
    front_matter = YAML_RE.match(text)
    if front_matter is None:
        return PageFileText(text, None, 0, 1)
    meta = remembered(("front matter", front_matter.group(1)), lambda: _front_matter(front_matter.group(1)))
    return PageFileText(text, meta, front_matter.end(), text[:front_matter.end()].count("\n") + 1)


# Front matter as YAML, within the limits of yaml_limits.
def _front_matter(text: str) -> Any:
    yaml_limits.check(text, _Loader)
    return yaml.load(text, _Loader)  # noqa: S506 - a safe loader


class _Loader(yaml.CSafeLoader):
    """YAML as MkDocs reads front matter, except that an impossible date (2026-13-01) stays text, for the
    front matter checks to report."""

    # The front matter's value. Plain YAML (mappings, lists and scalars, each written once: no alias, no merge
    # key) is built straight from libyaml's nodes, at half the cost of PyYAML's general construction; anything
    # else is left to it.
    def construct_document(self, node: yaml.Node) -> Any:
        try:
            return _plain(self, node, set())
        except _NotPlain:
            return super().construct_document(node)


class _NotPlain(Exception):
    """A node _plain() leaves to PyYAML."""


# A node's value: a scalar by its tag's constructor (a date, a number, true, text…), a list or a mapping from
# theirs; _NotPlain for any other node, or one met before (an alias).
def _plain(loader: _Loader, node: yaml.Node, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode) and node.tag in loader.yaml_constructors:
        return node.value if node.tag == _STR else loader.yaml_constructors[node.tag](loader, node)
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQUENCE:
        return [_plain(loader, item, seen) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == _MAPPING:
        mapping = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
                raise _NotPlain
            mapping[_plain(loader, key, seen)] = _plain(loader, value, seen)
        return mapping
    raise _NotPlain


_STR, _SEQUENCE, _MAPPING, _MERGE = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map", "merge"))


# A date, or the text as written when it is no date.
def _date_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)
