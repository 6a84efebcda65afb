"""The bibliography: one data file, cited by key from each page's front matter (checked by front_matter.py)."""
from __future__ import annotations

import functools

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from lib import site_strings
from lib.bibliography import EVALUATION, SOURCES_FILE, load
from lib.build_state import state
from lib.language_folders import default_language

MARKER = "<!-- bibliography -->"
SOURCES_PAGE = "sources.md"
# The Sources page's groups, in order: their anchor (the same in every language), their heading among the
# interface strings (data/strings/), and whether a source's kind belongs there.
GROUPS = [
    ("evaluations", "site.sources.evaluations", lambda kind: kind == EVALUATION),
    ("pages-praticiens", "site.sources.practitioners", lambda kind: kind != EVALUATION),
]

# Read the bibliography once per language build.
def on_config(config: MkDocsConfig) -> None:
    bibliography = state(config).bibliography = load(config)
    taken = [key for key in bibliography if key in {anchor for anchor, _, _ in GROUPS}]
    if taken:
        raise PluginError(f"{SOURCES_FILE}: {taken[0]}: this key is the anchor of a group of the Sources page — "
                          "rename the source.")


# Write the bibliography where a page asks for it (the Sources page).
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, _bibliography(config))
    return markdown


# Give the template each cited source with a link to its entry on the Sources page.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    sources_page = _sources_page(nav)
    base = get_relative_url(sources_page.url, page.url) if sources_page else ""
    context["page_sources"] = [
        {"key": key, "href": f"{base}#{key}", **state(config).bibliography[key]} for key in page.meta.get("sources") or []
    ]
    return context


# The Sources page of this language's navigation: looked up once per build, not once per page (which
# would make the build time grow with the square of the number of pages).
@functools.lru_cache(maxsize=1)
def _sources_page(nav: Navigation) -> Page | None:
    return next((p for p in nav.pages if p.file.src_uri.endswith(SOURCES_PAGE)), None)


# The Sources page's list, in groups (independent evaluations, then practitioners' pages), each under its
# heading in the page's language: one entry per source, its anchor being its key, its title marked with its
# language, its summary in the page's language (or, for a language without one, the default language's, marked so).
# A group without sources is left out.
def _bibliography(config: MkDocsConfig) -> str:
    language = config.theme["language"]
    default = default_language(config)
    groups = []
    for anchor, heading, belongs in GROUPS:
        entries = []
        for key, entry in state(config).bibliography.items():
            if belongs(entry["kind"]):
                date = f" ({entry['date']})" if entry.get("date") else ""
                title_language = f" lang={entry['language']}" if entry["language"] != language else ""
                summary = entry.get(language) or f"{entry[default]}\n{{: lang={default} }}"
                entries.append(f"#### {entry['title']} {{#{key}{title_language}}}\n\n*{entry['author']}*{date}\n\n{summary}\n")
        if entries:
            groups.append(f"### {site_strings.text(config, heading, language)} {{#{anchor}}}\n\n" + "\n".join(entries))
    return "\n".join(groups)
