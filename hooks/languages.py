"""Linking the two languages: absolute hreflang alternates on every page, and one 404 page per language."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lib import page_files
from lib.language_folders import default_language, inner_language_build, language_root
from lib.translation_status import PENDING

_default_not_found: dict[str, str] = {}
_default: list[str] = []  # the language served at the site root
_alternates: dict[str, list[dict]] = {}  # by page file: the page's alternates


# Require the public address: hreflang and canonical links must be absolute.
def on_config(config: MkDocsConfig) -> None:
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url: missing — set the address the site will be published at.")


# The language served at the site root, looked up once per build rather than once per page; this language's
# alternates afresh.
def on_pre_build(config: MkDocsConfig) -> None:
    _alternates.clear()
    if not inner_language_build(config):
        _default[:] = [default_language(config)]


# Give the page its alternates in every language, and x-default (the default language's page). The first page
# works them out for every page of the navigation, in a row: faster than one at a time, between the rendering of pages.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.file.src_uri not in _alternates:
        for each in (page, *nav.pages):
            if each.file.src_uri not in _alternates:
                _alternates[each.file.src_uri] = _links(each, config)
    context["page_alternates"] = _alternates[page.file.src_uri]
    return context


# Each language keeps its own 404 page: static-i18n would write them all to /404.html in turn.
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    language = config.theme["language"]
    root = language_root(config, language)
    if not root:
        _default_not_found["html"] = output
        return output
    path = Path(config.site_dir) / root / "404.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return _default_not_found.get("html", output)


# A page's alternates: a page still awaiting its translation is none, it shows the other language's text.
def _links(page: Page, config: MkDocsConfig) -> list[dict]:
    alternates = {} if page.meta.get("untranslated") else {
        language: file for language, file in (getattr(page.file, "alternates", None) or {}).items()
        if not _pending(file)
    }
    links = [{"lang": language, "url": file.url, "href": _absolute(config, file.url)}
             for language, file in alternates.items()]
    default = _default[0]
    if default in alternates:
        links.append({"lang": "x-default", "url": alternates[default].url, "href": _absolute(config, alternates[default].url)})
    return links


# Whether a page's file is a stand-in awaiting its translation (front matter translation: pending).
def _pending(file: File) -> bool:
    meta = page_files.read(file.abs_src_path).meta
    return isinstance(meta, dict) and meta.get("translation") == PENDING


# The page's public address, from the site's address and its path in the site.
def _absolute(config: MkDocsConfig, url: str) -> str:
    return config.site_url.rstrip("/") + "/" + ("" if url in ("", "./") else url.lstrip("/"))
