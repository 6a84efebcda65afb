"""Review dates shown on each page, written out in the reader's language."""
from __future__ import annotations

import datetime
import functools

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Babel's plain "en" writes US dates ("November 20, 2026"); the site's English is British.
_LOCALES = {"en": "en_GB"}


# Spell out the review dates in the page's language ("20 novembre 2026", "November 2027").
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = _LOCALES.get(config.theme["language"], config.theme["language"])
    reviewed, next_review = page.meta.get("reviewed"), page.meta.get("next_review")
    if isinstance(reviewed, datetime.date):
        page.meta["reviewed_text"] = _written(reviewed, "long", language)
    if isinstance(next_review, datetime.date):
        page.meta["next_review_text"] = _written(next_review, "MMMM y", language)
    return markdown


# A date in words; pages share a handful of review dates, so each is written once.
@functools.lru_cache(maxsize=256)
def _written(date: datetime.date, form: str, locale: str) -> str:
    return format_date(date, format=form, locale=locale)
