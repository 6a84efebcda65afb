"""What the authors' preview (`make serve`, commands/preview.py) keeps between its rebuilds, and whether a build is
one (hooks/preview_build.py and hooks/deploy.py ask): its cache folder, and its memo of the hooks' work
(hooks/lib/build_state.py hands it to the hooks)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Hashable, TypeVar

from mkdocs.config.defaults import MkDocsConfig

# Set by commands/preview.py alone, to a folder for the preview's caches.
PREVIEW_FLAG = "PATIENT_SITE_PREVIEW"
# The configuration's attribute holding the preview's memo (set by commands/preview.py alone).
MEMO_ATTRIBUTE = "preview_memo"

_Result = TypeVar("_Result")


class Memo:
    """The results of the hooks' work that depends only on what it is given (a page's HTML, the glossary…), by
    that: the preview's next rebuild takes them again rather than doing the work again. What a build did not use
    is forgotten at the end of the next one: the memo grows with the site, not with the hours of editing."""

    def __init__(self) -> None:
        self._current: dict[Hashable, object] = {}
        self._previous: dict[Hashable, object] = {}
        self._code = ""

    # A new build starts: what the last build used is kept for it, the rest forgotten; everything, when the hooks'
    # code (given as a version of it) changed since.
    def new_build(self, code: str) -> None:
        self._previous, self._current = ({} if code != self._code else self._current), {}
        self._code = code

    # The result of work() for this key: remembered, or worked out and remembered.
    def get(self, key: Hashable, work: Callable[[], _Result]) -> _Result:
        if key not in self._current:
            self._current[key] = self._previous.pop(key) if key in self._previous else work()
        return self._current[key]  # type: ignore[return-value]


# The preview's memo, or None for any build that is not a preview.
def preview_memo(config: MkDocsConfig) -> Memo | None:
    memo = getattr(config, MEMO_ATTRIBUTE, None)
    return memo if isinstance(memo, Memo) and not config.strict else None


# The preview's cache folder, or None for any build that is not a preview.
def preview_caches(config: MkDocsConfig) -> Path | None:
    folder = os.environ.get(PREVIEW_FLAG, "")
    if config.strict or not folder or not Path(folder).is_dir():
        return None
    return Path(folder)
