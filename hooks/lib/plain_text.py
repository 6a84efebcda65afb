"""Text that pages show as it is written: titles,
descriptions, reviewers' names, the bibliography's fields. Templates escape it too; refusing markup here
gives the author a clear message where the text was written, rather than a page that shows tags."""
from __future__ import annotations

import re

# Markup and control characters (tabs and line breaks aside, which YAML folds into spaces).
_NOT_PLAIN = re.compile(r"[<>\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A language code: fr, en, de (ISO 639-1), or three letters (ISO 639-3).
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


# What is wrong with a text meant to be plain, as "… — fix"; None if nothing.
def not_plain(value: str) -> str | None:
    found = _NOT_PLAIN.search(value)
    if not found:
        return None
    character = found.group()
    shown = repr(character) if character not in "<>" else f"'{character}'"
    return (f"holds {shown}, but is shown as plain text — write it without HTML or control characters "
            "(write 'less than' or 'more than' in words)")
