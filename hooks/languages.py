"""Linking the two languages: absolute hreflang alternates on every page, and one 404 page per language."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lib.build_state import for_every_page, language_state, state
from lib.language_folders import default_language, forget_page_alternates, inner_language_build, language_root
from lib.translation_status import PENDING

# Require the public address: hreflang and canonical links must be absolute.
def on_config(config: MkDocsConfig) -> None:
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url: missing — set the address the site will be published at.")


# The language served at the site root, looked up once per build rather than once per page.
def on_pre_build(config: MkDocsConfig) -> None:
    if not inner_language_build(config):
        state(config).default_language = default_language(config)


# The 404 page, made before any page of its language, links to the other languages' home pages, not to the
# translations of the previous language's last page (static-i18n leaves them behind).
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    forget_page_alternates(config)
    return env


# Give the page its alternates in every language, and x-default (the default language's page).
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["page_alternates"] = for_every_page(language_state(config).alternates, page, nav, lambda each: _links(each, config))
    return context


# Each language keeps its own 404 page: static-i18n would write them all to /404.html in turn.
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    language = config.theme["language"]
    root = language_root(config, language)
    if not root:
        state(config).default_not_found = output
        return output
    path = Path(config.site_dir) / root / "404.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return state(config).default_not_found or output


# A page's alternates: a page still awaiting its translation is none, it shows the other language's text.
def _links(page: Page, config: MkDocsConfig) -> list[dict]:
    alternates = {} if page.meta.get("untranslated") else {
        language: file for language, file in (getattr(page.file, "alternates", None) or {}).items()
        if not _pending(file, config)
    }
    links = [{"lang": language, "url": file.url, "href": _absolute(config, file.url)}
             for language, file in alternates.items()]
    default = state(config).default_language
    if default in alternates:
        links.append({"lang": "x-default", "url": alternates[default].url, "href": _absolute(config, alternates[default].url)})
    return links


# Whether a page's file is a stand-in awaiting its translation (front matter translation: pending).
def _pending(file: File, config: MkDocsConfig) -> bool:
    meta = state(config).files.read(file.abs_src_path).meta
    return isinstance(meta, dict) and meta.get("translation") == PENDING


# The page's public address, from the site's address and its path in the site.
def _absolute(config: MkDocsConfig, url: str) -> str:
    return config.site_url.rstrip("/") + "/" + ("" if url in ("", "./") else url.lstrip("/"))
