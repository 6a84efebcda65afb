"""Limits on the YAML that editors and clinics write (front matter, the clinic file), so that a few lines can't
make the build run out of memory or stack: no alias (a few
lines of `*a` repeating `&a` can stand for billions of values), and no deeper nesting than MAX_DEPTH."""
from __future__ import annotations

from typing import Any

import yaml

# Far deeper than any front matter or clinic file needs (the clinic file's deepest field is 4 levels down; front matter, 3),
# far below what exhausts Python's (or libyaml's) stack.
MAX_DEPTH = 50
_ALIAS = "an alias (*name) repeats another part of the text: aliases are not allowed here — write the value out in full"
_DEEP = f"lists or fields nested more than {MAX_DEPTH} levels deep — flatten them"
# Characters that open a list or a mapping, one for each at least ([a: b] nests a mapping in a list: [ counts twice).
_OPENERS = ("[", "[", "{", ":", "?", "- ", "-\n", "-\t", "-\r", "-\x85", "-\u2028", "-\u2029")


class YAMLLimitError(yaml.MarkedYAMLError):
    """YAML over the limits: an alias, or nesting too deep (a YAMLError, with the line where it is)."""


class LimitedComposer:
    """For PyYAML's pure-Python loaders: refuse an alias or a node nested too deep as the file is read."""

    _depth = 0

    # Each node is composed here: check it before composing what it holds.
    def compose_node(self, parent: Any, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            raise YAMLLimitError(None, None, _ALIAS, self.peek_event().start_mark)
        if self._depth >= MAX_DEPTH:
            raise YAMLLimitError(None, None, _DEEP, self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# For libyaml's loaders, which compose in C (and crash on very deep nesting): refuse an alias or nesting too
# deep from the parser's events, before composing. The events are read only when a quick count of the
# characters that open lists and mappings allows too deep a nesting, or the text holds a * (every alias does).
def check(text: str, loader: type) -> None:
    if "*" not in text and sum(text.count(opener) for opener in _OPENERS) + text.endswith("-") < MAX_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, loader):
        if isinstance(event, yaml.AliasEvent):
            raise YAMLLimitError(None, None, _ALIAS, event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YAMLLimitError(None, None, _DEEP, event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# "line 3, column 5: …" for a YAML syntax error (what the parser says, where it says it).
def error_place(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "syntax error"
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark else problem
