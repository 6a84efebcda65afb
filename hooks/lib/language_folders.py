"""Where each language lives in the built site."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


# The language's folder under the site root: "" for the default language, "en/" for English.
def language_root(config: MkDocsConfig, language: str) -> str:
    for entry in config.plugins["i18n"].config.languages:
        if entry.locale == language:
            return entry.link.strip("/") + "/" if entry.link.strip("/") else ""
    return ""


# Whether this is a language static-i18n builds inside the default language's build: whole-site work
# (checks before, bundling and compression after) is done once, by the default build.
def inner_language_build(config: MkDocsConfig) -> bool:
    return bool(getattr(config.plugins.get("i18n"), "building", False))


# The language served at the site root.
def default_language(config: MkDocsConfig) -> str:
    return next(entry.locale for entry in config.plugins["i18n"].config.languages if entry.default)
