"""Where each language lives in the built site, and when its build runs: the one place that knows
mkdocs-static-i18n's internals (its plugin object, its `building` flag), so that an upgrade that changes them
fails here, loudly (tests/test_architecture.py checks them during a real build)."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# What to do when static-i18n is not what these functions expect.
_CHECK = "check the version of mkdocs-static-i18n against requirements.txt, and hooks/lib/language_folders.py"


# The language's folder under the site root: "" for the default language, "en/" for English.
def language_root(config: MkDocsConfig, language: str) -> str:
    for entry in site_language_entries(config):
        if entry.locale == language:
            return entry.link.strip("/") + "/" if entry.link.strip("/") else ""
    return ""


# Whether this is a language static-i18n builds inside the default language's build: whole-site work
# (checks before, bundling and compression after) is done once, by the default build. static-i18n sets its
# `building` attribute while its on_post_build builds the other languages.
def inner_language_build(config: MkDocsConfig) -> bool:
    plugin = _i18n(config)
    if not hasattr(plugin, "building"):
        raise PluginError(f"mkdocs-static-i18n's plugin has no 'building' attribute: the hooks cannot tell the default "
                          f"language's build from the others' — {_CHECK}.")
    return bool(plugin.building)


# The language served at the site root.
def default_language(config: MkDocsConfig) -> str:
    return next(entry.locale for entry in site_language_entries(config) if entry.default)


# Forget the language links static-i18n set for the last page built: for each page it sets config.extra.alternate
# as an attribute, which hides the key holding each language's home page from the templates (Jinja reads the
# attribute first) until it sets it again for the next page.
def forget_page_alternates(config: MkDocsConfig) -> None:
    vars(config.extra).pop("alternate", None)


# The site's languages as static-i18n's settings list them (locale, link, default, name…), in their order.
def site_language_entries(config: MkDocsConfig) -> list:
    return list(_i18n(config).config.languages)


# static-i18n's plugin object.
def _i18n(config: MkDocsConfig):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError(f"mkdocs.yml: plugins: i18n is missing — the site is built once per language by it; {_CHECK}.")
    return plugin
