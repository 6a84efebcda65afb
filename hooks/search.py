"""One search index per language, so a reader only ever finds pages in the language they read."""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

_MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


# Point the theme's search at the index of the page's own language.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    root = _language_roots(config).get(config.theme["language"], "")
    if not root:
        return output

    def rebase(match: re.Match) -> str:
        settings = json.loads(match.group(2))
        settings["base"] = f"{settings['base'].rstrip('/')}/{root}"
        return match.group(1) + json.dumps(settings) + match.group(3)

    return _MATERIAL_CONFIG.sub(rebase, output, count=1)


# Split the merged index that static-i18n writes last; runs after it (lower priority).
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    merged_path = Path(config.site_dir) / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    roots = _language_roots(config)
    for language, root in roots.items():
        docs = [
            {**doc, "location": doc["location"][len(root):]}
            for doc in merged["docs"]
            if _language_of(doc["location"], roots) == language
        ]
        index = {**merged, "config": {**merged["config"], "lang": [language]}, "docs": docs}
        path = Path(config.site_dir) / root / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# Each language's folder under the site root: "" for the default language, "en/" for English.
def _language_roots(config: MkDocsConfig) -> dict[str, str]:
    languages = config.plugins["i18n"].config.languages
    return {language.locale: language.link.strip("/") + "/" if language.link.strip("/") else "" for language in languages}


# The language a search entry belongs to, from the folder its location starts with.
def _language_of(location: str, roots: dict[str, str]) -> str:
    for language, root in roots.items():
        if root and location.startswith(root):
            return language
    return next(language for language, root in roots.items() if not root)
