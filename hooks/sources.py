"""The bibliography: one data file, cited by key from each page's front matter."""
from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

SOURCES_FILE = "data/sources.yml"
MARKER = "<!-- bibliography -->"
FIELDS = ("title", "author", "kind", "fr", "en")

_sources: dict[str, dict] = {}


# Load and check the bibliography once per language build.
def on_config(config: MkDocsConfig) -> None:
    path = Path(config.config_file_path).parent / SOURCES_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{SOURCES_FILE}: cannot be read ({error}) — fix the YAML syntax.") from None
    if not isinstance(data, dict):
        raise PluginError(f"{SOURCES_FILE}: must map each source key to its fields.")
    for key, entry in data.items():
        missing = [field for field in FIELDS if not isinstance(entry, dict) or not entry.get(field)]
        if missing:
            raise PluginError(f"{SOURCES_FILE}: {key}: missing {', '.join(missing)} — add them to the entry.")
    _sources.clear()
    _sources.update(data)


# Refuse unknown source keys and write the bibliography where a page asks for it.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    keys = page.meta.get("sources") or []
    if not isinstance(keys, list):
        raise PluginError(f"docs/{page.file.src_uri}: sources: must be a list of keys — write sources: [key, …].")
    unknown = [key for key in keys if key not in _sources]
    if unknown:
        raise PluginError(
            f"docs/{page.file.src_uri}: sources: unknown key {', '.join(map(str, unknown))}"
            f" — use one of {', '.join(_sources)} or add it to {SOURCES_FILE}."
        )
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, _bibliography(config.theme["language"]))
    return markdown


# Give the template each cited source with a link to its entry on the Sources page.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    sources_page = next((p for p in nav.pages if p.file.src_uri.endswith("sources.md")), None)
    base = get_relative_url(sources_page.url, page.url) if sources_page else ""
    context["page_sources"] = [
        {"key": key, "href": f"{base}#{key}", **_sources[key]} for key in page.meta.get("sources") or []
    ]
    return context


# The Sources page's list: one entry per source, its anchor being its key.
def _bibliography(language: str) -> str:
    entries = []
    for key, entry in _sources.items():
        date = f" ({entry['date']})" if entry.get("date") else ""
        entries.append(f"### {entry['title']} {{#{key}}}\n\n*{entry['author']}*{date}\n\n{entry[language]}\n")
    return "\n".join(entries)
