"""One search index per language: each page's sections, its own keywords, and patients' words."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib import page_sections
from lib.language_folders import language_root
from lib.page_sections import sections

SYNONYMS_DIR = "data/synonyms"

# Per language: each page's entry in the index (its sections still to read) and its HTML.
_pages: dict[str, list[tuple[dict, str]]] = {}
_roots: dict[str, str] = {}  # each language's folder, which page URLs are relative to


# Start this language's index afresh (static-i18n builds each language in turn).
def on_pre_build(config: MkDocsConfig) -> None:
    page_sections.forget()
    language = config.theme["language"]
    _pages[language] = []
    _roots[language] = language_root(config, language)


# Index the page under its URL within the language's folder (unless another hook marked the page search_exclude,
# as for a page shown in the other language while its translation is pending). Its sections are read at the end,
# all pages in a row: one by one, between the build's other work, they would cost about twice as much.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = config.theme["language"]
    if page.meta.get("search_exclude"):
        return html
    keywords = page.meta.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(word, str) for word in keywords):
        raise PluginError(f"docs/{page.file.src_uri}: keywords: must be a list of words — write keywords: [bleu, ecchymose].")
    entry = {"title": page.meta.get("title") or page.title, "url": page.url.removeprefix(_roots[language]),
             "keywords": keywords}
    _pages[language].append((entry, html))
    return html


# Write the language's index into its own folder: /search/index.json, /en/search/index.json.
def on_post_build(config: MkDocsConfig) -> None:
    language = config.theme["language"]
    pages = [{**entry, "sections": _sections(html)} for entry, html in _pages.pop(language, [])]
    index = {"lang": language, "synonyms": _synonyms(config, language), "pages": pages}
    path = Path(config.site_dir) / _roots[language] / "search" / "index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# The page's sections by their heading; the page's title (h1) leads to the top of the page.
def _sections(html: str) -> list[dict]:
    found = sections(html)
    for section in found:
        if section.pop("level") < 2:
            section["anchor"] = ""
    return found


# Patients' words and the words the pages use for them: data/synonyms/<language>.yml.
def _synonyms(config: MkDocsConfig, language: str) -> dict[str, list[str]]:
    path = Path(config.config_file_path).parent / SYNONYMS_DIR / f"{language}.yml"
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), yaml.CSafeLoader) or {}
    except yaml.YAMLError as error:
        raise PluginError(f"{SYNONYMS_DIR}/{language}.yml: not valid YAML ({error}).") from None
    if not isinstance(data, dict):
        raise PluginError(f"{SYNONYMS_DIR}/{language}.yml: must map a patient's words to a list of the pages' words.")
    for words, targets in data.items():
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise PluginError(f"{SYNONYMS_DIR}/{language}.yml: {words}: must be a list of words — write {words}: [word, …].")
    return {str(words): targets for words, targets in data.items()}
