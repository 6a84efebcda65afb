"""French typography at build time: the no-break spaces French puts before ; ! ? and : and inside « », and
between a number and its unit ("48 h", "0,1 ml", "10 %"), so that a line never starts with a lone mark or
unit. The Markdown stays plain; only the text of French pages' HTML is changed: never its markup and
attributes, code and scripts, addresses written out in the text, or passages marked as another language.

A page is read in one pass with a tokenizer that tells markup from text, as every page's work here is done
without an HTML parser (HTMLParser took 3.4 ms a page, a quarter of the build; this about 1 ms). Only the runs
of text a rule changes are written again; every other byte stays as it was."""
from __future__ import annotations

import re
from html import escape, unescape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from lib.markup import NAME
from lib.priorities import FINISHED_TEXT

# The languages whose pages get these spaces.
LANGUAGES = frozenset(["fr"])
NARROW = "\u202f"  # narrow no-break space: before ; ! ?
NO_BREAK = "\u00a0"  # no-break space: before :, inside « », between a number and its unit
# Elements whose text is not prose, found whole (with what they hold) and left exactly as written.
LEFT_ALONE = ["code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"]
# White space that may stand around a mark (no-break spaces included, so that a second run changes nothing).
SPACES = " \t\r\n\u00a0\u202f"
# Units written after a number: "48 h" (but "14h30" stays as written), "4 mm", "0,1 ml", "10 %".
UNITS = ["h", "min", "mm", "cm", "km", "ml", "mL", "cl", "mg", "g", "kg", "µg", "%", "°C", "kB", "ko", "Mo"]
# A start tag's attributes, quoted values whole (written out as runs, which the regex engine reads fastest).
ATTRIBUTES = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
# The page's markup, one token at a time: a comment, an element left alone (whole), an end tag, a start tag
# (its name and attributes), a declaration. The text is what lies between.
MARKUP = re.compile(
    r"<(?:!--(?s:.*?)--"
    r"|(?P<whole>(?i:" + "|".join(LEFT_ALONE) + r"))(?![^\s/>])" + ATTRIBUTES + r"(?<!/)>(?s:.*?)</(?i:(?P=whole))\s*"
    r"|/(?P<end>" + NAME + r")[^>]*"
    r"|(?P<start>" + NAME + r")(?P<attributes>" + ATTRIBUTES + r")"
    r"|[!?][^>]*)>")
# An element's language, in its start tag's attributes.
LANGUAGE = re.compile(r"""(?:^|\s)lang\s*=\s*["']?([A-Za-z]*)""")
# In a run of text (entities decoded): the marks that take a space; what is kept as written (addresses, emoticons);
# a number's unit after white space.
MARK = re.compile("[;!?:«»]")
KEPT = re.compile(r"(?:https?|ftp|mailto|tel):\S+|www\.\S+|[:;]-?[()DPp](?!\w)")
UNIT = re.compile(rf"(\d)[{SPACES}]+({'|'.join(sorted(map(re.escape, UNITS), key=len, reverse=True))})(?![\w°])")
# What may follow ; ! ? for them to end a clause (not "?q=1" in an address, not ";)").
CLAUSE_END = SPACES + ";:!?»)].,…"
# A quick look: a run of text without any of these needs nothing.
MARKS = re.compile(r"[;!?:«»]|\d\s")


# French pages: the no-break spaces in the text of the page as written to the site, once every hook has added its words.
@event_priority(FINISHED_TEXT)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if config.theme["language"] not in LANGUAGES:
        return output
    return french_spacing(output)


# The page's HTML with the rules applied to its text outside the elements left alone and the passages in
# another language (an element with a lang attribute, until its own end tag).
def french_spacing(html: str) -> str:
    runs: list[tuple[int, int]] = []  # the runs of text that hold something a rule may change
    text_start = 0
    other_language: str | None = None  # the tag name of the element in another language being passed over
    nested = 0  # elements of the same name open inside it
    for token in MARKUP.finditer(html):
        if other_language is None:
            if MARKS.search(html, text_start, token.start()):
                runs.append((text_start, token.start()))
            start = token["start"]
            if start and "lang" in token["attributes"] and not token[0].endswith("/>"):
                language = LANGUAGE.search(token["attributes"])
                if language and language[1].lower().split("-")[0] not in LANGUAGES:
                    other_language, nested = start.lower(), 0
        elif token["start"] and token["start"].lower() == other_language:
            nested += 1
        elif token["end"] and token["end"].lower() == other_language:
            if nested:
                nested -= 1
            else:
                other_language = None
        text_start = token.end()
    if other_language is None and MARKS.search(html, text_start):
        runs.append((text_start, len(html)))
    return _respaced(html, runs)


# A run of text with the rules applied (the text as a reader sees it, entities decoded). Each mark is looked at
# in turn, with the white space before it (or after «), rather than trying every rule at every character.
def spaced(text: str) -> str:
    text = UNIT.sub("\\1" + NO_BREAK + "\\2", text)
    kept = [match.span() for match in KEPT.finditer(text)] if (":" in text or ";" in text or "www." in text) else []
    parts, done, length = [], 0, len(text)
    for match in MARK.finditer(text):
        at, mark = match.start(), match[0]
        if at < done or any(start <= at < end for start, end in kept):
            continue
        if mark == "«":
            after = at + 1
            while after < length and text[after] in SPACES:
                after += 1
            parts += [text[done:at], "«" + NO_BREAK]
            done = after
            continue
        before = at
        while before > done and text[before - 1] in SPACES:
            before -= 1
        following = text[at + 1] if at + 1 < length else " "
        if mark == "»":
            space = NO_BREAK
        elif mark == ":":
            space = NO_BREAK if following in SPACES and (before < at or (at and text[at - 1].isalpha())) else None
        else:
            space = NARROW if following in CLAUSE_END and (before < at or (at and text[at - 1].isalnum())) else None
        if space:
            parts += [text[done:before], space + mark]
            done = at + 1
    return "".join(parts) + text[done:] if parts else text


# The page with each run of text that a rule changes written anew (entities decoded to read it, and only &, <
# and > escaped again); every other byte as it was.
def _respaced(html: str, runs: list[tuple[int, int]]) -> str:
    parts, written = [], 0
    for start, end in runs:
        text = unescape(html[start:end])
        new = spaced(text)
        if new != text:
            parts += [html[written:start], escape(new, quote=False)]
            written = end
    return "".join(parts) + html[written:] if parts else html
