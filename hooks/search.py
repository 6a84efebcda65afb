"""One search index per language: each page's sections, its own keywords, and patients' words."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib.build_state import language_state, state
from lib.language_folders import language_root
from lib.page_sections import sections

SYNONYMS_DIR = "data/synonyms"


# Note the language's folder, which its pages' URLs in the index are relative to.
def on_pre_build(config: MkDocsConfig) -> None:
    language_state(config).search_root = language_root(config, config.theme["language"])


# Index the page under its URL within the language's folder (unless another hook marked the page search_exclude,
# as for a page shown in the other language while its translation is pending). Its sections are read at the end,
# all pages in a row: one by one, between the build's other work, they would cost about twice as much.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("search_exclude"):
        return html
    # keywords: checked with the rest of the front matter (hooks/front_matter.py).
    entry = {"title": page.meta.get("title") or page.title, "url": page.url.removeprefix(language_state(config).search_root),
             "keywords": page.meta.get("keywords") or []}
    language_state(config).search_pages.append((entry, html))
    return html


# Write the language's index into its own folder: /search/index.json, /en/search/index.json.
def on_post_build(config: MkDocsConfig) -> None:
    language = config.theme["language"]
    build = state(config)
    pages = [{**entry, "sections": build.remembered(("search sections", html), lambda: _sections(html))}
             for entry, html in language_state(config).search_pages]
    index = {"lang": language, "synonyms": _synonyms(config, language), "pages": pages}
    path = Path(config.site_dir) / language_state(config).search_root / "search" / "index.json"
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
