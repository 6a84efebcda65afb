"""The locale Babel writes a language's dates, times, numbers and names in, for every hook that writes them."""
from __future__ import annotations

# Babel's plain "en" is American English ("November 20, 2026"); the site's English is British.
_LOCALES = {"en": "en_GB"}


# The Babel locale of a site language: "en_GB" for "en", the language itself otherwise.
def babel_locale(language: str) -> str:
    return _LOCALES.get(language, language)
