"""Each build starts from a fresh state (hooks/lib/build_state.py): first of all, before any other handler, in
the default language's build (static-i18n builds the other languages inside it, and they share its state)."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from lib import build_state
from lib.language_folders import inner_language_build
from lib.priorities import FIRST


# A new state for the build, whatever an earlier build with this configuration left.
@event_priority(FIRST)
def on_config(config: MkDocsConfig) -> None:
    if not inner_language_build(config):
        build_state.start(config)
