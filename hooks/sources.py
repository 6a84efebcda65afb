"""The bibliography: one data file, cited by key from each page's front matter (checked by front_matter.py)."""
from __future__ import annotations

import functools

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from bibliography import load

MARKER = "<!-- bibliography -->"
SOURCES_PAGE = "sources.md"

_sources: dict[str, dict] = {}


# Read the bibliography once per language build.
def on_config(config: MkDocsConfig) -> None:
    _sources.clear()
    _sources.update(load(config))


# Write the bibliography where a page asks for it (the Sources page).
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, _bibliography(config.theme["language"]))
    return markdown


# Give the template each cited source with a link to its entry on the Sources page.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    sources_page = _sources_page(nav)
    base = get_relative_url(sources_page.url, page.url) if sources_page else ""
    context["page_sources"] = [
        {"key": key, "href": f"{base}#{key}", **_sources[key]} for key in page.meta.get("sources") or []
    ]
    return context


# The Sources page of this language's navigation: looked up once per build, not once per page (which
# would make the build time grow with the square of the number of pages).
@functools.lru_cache(maxsize=1)
def _sources_page(nav: Navigation) -> Page | None:
    return next((p for p in nav.pages if p.file.src_uri.endswith(SOURCES_PAGE)), None)


# The Sources page's list: one entry per source, its anchor being its key, its title marked with its language.
def _bibliography(language: str) -> str:
    entries = []
    for key, entry in _sources.items():
        date = f" ({entry['date']})" if entry.get("date") else ""
        title_language = f" lang={entry['language']}" if entry["language"] != language else ""
        entries.append(f"### {entry['title']} {{#{key}{title_language}}}\n\n*{entry['author']}*{date}\n\n{entry[language]}\n")
    return "\n".join(entries)
