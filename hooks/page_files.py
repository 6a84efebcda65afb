"""Each Markdown page file read once per build (a helper module for the hooks, not a hook itself): the
front matter checks, the translations and the language links all ask for the same files, in every
language's build."""
from __future__ import annotations

import os
from typing import Any, NamedTuple

import yaml
from mkdocs.utils.meta import YAML_RE


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


# The page file at this path. The front matter checks read every page afresh at the start of each build
# (fresh: parsed again if it changed since, as when mkdocs serve rebuilds); the rest of the build reuses what they
# read. Raises OSError or UnicodeDecodeError for an unreadable file, yaml.YAMLError for broken front matter.
def read(source: str | os.PathLike, fresh: bool = False) -> PageFileText:
    path = os.fspath(source)
    known = _read.get(path)
    if known is None or fresh:
        modified = os.stat(path).st_mtime_ns
        if known is None or known[0] != modified:
            known = _read[path] = modified, _parse(path)
    return known[1]


_read: dict[str, tuple[int, PageFileText]] = {}  # by path: the file's modification time when read, and its text


# The file's text, and its front matter parsed with libyaml (this runs for every page).
def _parse(path: str) -> PageFileText:
    with open(path, encoding="utf-8-sig") as file:
        text = file.read()
    front_matter = YAML_RE.match(text)
    if front_matter is None:
        return PageFileText(text, None, 0, 1)
    meta = yaml.load(front_matter.group(1), _Loader)  # noqa: S506 - a safe loader
    return PageFileText(text, meta, front_matter.end(), text[:front_matter.end()].count("\n") + 1)


class _Loader(yaml.CSafeLoader):
    """YAML as MkDocs reads front matter, except that an impossible date (2026-13-01) stays text, for the
    front matter checks to report."""


# A date, or the text as written when it is no date.
def _date_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)
