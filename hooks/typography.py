"""French typography at build time: the no-break spaces French puts before ; ! ? and : and inside « », and
between a number and its unit ("48 h", "0,1 ml", "10 %"), so that a line never starts with a lone mark or
unit. The Markdown stays plain; only the text of French pages' HTML is changed: never its markup and
attributes, code and scripts, addresses written out in the text, or passages marked as another language.

A page is read in one pass with a tokenizer that tells markup from text (glossary.py's), as every page's
work here is done without an HTML parser (an HTMLParser pass took 3.4 ms a page, a quarter of the build).
Only the runs of text a rule changes are written again; every other byte stays as it was."""
from __future__ import annotations

import re
from html import escape, unescape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from glossary import ATTRIBUTES, NAME

# The languages whose pages get these spaces.
LANGUAGES = frozenset(["fr"])
NARROW = "\u202f"  # narrow no-break space: before ; ! ?
NO_BREAK = "\u00a0"  # no-break space: before :, inside « », between a number and its unit
# Elements whose text is not prose, found whole (with what they hold) and left exactly as written.
LEFT_ALONE = ["code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"]
# White space that may stand around a mark (no-break spaces included, so that a second run changes nothing).
SPACE = "[ \t\r\n\u00a0\u202f]"
# Units written after a number: "48 h" (but "14h30" stays as written), "4 mm", "0,1 ml", "10 %".
UNITS = ["h", "min", "mm", "cm", "km", "ml", "mL", "cl", "mg", "g", "kg", "µg", "%", "°C", "kB", "ko", "Mo"]
# The page's markup, one token at a time: a comment, an element left alone (whole), an end tag, a start tag
# (its name and attributes), a declaration. The text is what lies between.
MARKUP = re.compile(
    r"<!--(?s:.*?)-->"
    r"|<(?P<whole>(?i:" + "|".join(LEFT_ALONE) + r"))(?![^\s/>])" + ATTRIBUTES + r"(?<!/)>(?s:.*?)</(?i:(?P=whole))\s*>"
    r"|</(?P<end>" + NAME + r")[^>]*>"
    r"|<(?P<start>" + NAME + r")(?P<attributes>" + ATTRIBUTES + r")>"
    r"|<[!?][^>]*>")
# An element's language, in its start tag's attributes.
LANGUAGE = re.compile(r"""(?:^|\s)lang\s*=\s*["']?([A-Za-z]*)""")
# The rules over a run of text (entities decoded): addresses and emoticons first, kept as they are; then a
# mark with the white space before it; an opening guillemet with the white space after it; a number's unit.
RULES = re.compile(
    r"(?P<keep>(?:https?|ftp|mailto|tel):\S+|www\.\S+|[:;]-?[()DPp](?!\w))"
    rf"|(?P<space>{SPACE}*)(?:(?P<narrow>[!?]|;(?!-?[()DPp](?!\w)))(?=\s|$|[;:!?»)\].,…])"
    r"|(?P<colon>:)(?=\s|$)|(?P<close>»))"
    rf"|(?P<open>«){SPACE}*"
    rf"|(?<=\d){SPACE}+(?P<unit>{'|'.join(sorted(map(re.escape, UNITS), key=len, reverse=True))})(?![\w°])")
# A quick look: a run of text without any of these needs nothing.
MARKS = re.compile(r"[;!?:«»]|\d\s")


# French pages: the no-break spaces in the text of the page as written to the site.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if config.theme["language"] not in LANGUAGES:
        return output
    return french_spacing(output)


# The page's HTML with the rules applied to its text outside the elements left alone and the passages in
# another language (an element with a lang attribute, until its own end tag).
def french_spacing(html: str) -> str:
    parts: list[str] = []
    written = text_start = 0
    other_language: str | None = None  # the tag name of the element in another language being passed over
    nested = 0  # elements of the same name open inside it
    for token in MARKUP.finditer(html):
        if other_language is None and token.start() > text_start:
            written = _respace(html, text_start, token.start(), written, parts)
        text_start = token.end()
        start = token["start"]
        if other_language is None:
            if start and "lang" in token["attributes"] and not token[0].endswith("/>"):
                language = LANGUAGE.search(token["attributes"])
                if language and language[1].lower().split("-")[0] not in LANGUAGES:
                    other_language, nested = start.lower(), 0
        elif start and start.lower() == other_language:
            nested += 1
        elif token["end"] and token["end"].lower() == other_language:
            if nested:
                nested -= 1
            else:
                other_language = None
    if other_language is None:
        written = _respace(html, text_start, len(html), written, parts)
    return "".join(parts) + html[written:] if parts else html


# A run of text with the rules applied (the text as a reader sees it, entities decoded).
def spaced(text: str) -> str:
    return RULES.sub(_replacement, text)


# The run of text html[start:end], written anew after html[written:start] if a rule changes it (only &, < and
# > escaped again); where the page is written up to.
def _respace(html: str, start: int, end: int, written: int, parts: list[str]) -> int:
    raw = html[start:end]
    if not MARKS.search(raw):
        return written
    text = unescape(raw)
    new = spaced(text)
    if new == text:
        return written
    parts += [html[written:start], escape(new, quote=False)]
    return end


# What a rule's match becomes. A mark written against the word before it gets its space too (a letter before
# ":", so that "9:00" and "4.5:1" stay as written).
def _replacement(match: re.Match) -> str:
    kind = match.lastgroup
    if kind in ("narrow", "colon"):
        before = match.string[match.start() - 1] if match.start() else ""
        if not match["space"] and not (before.isalnum() if kind == "narrow" else before.isalpha()):
            return match[0]
        return (NARROW if kind == "narrow" else NO_BREAK) + match[kind]
    if kind == "close":
        return NO_BREAK + "»"
    if kind == "open":
        return "«" + NO_BREAK
    if kind == "unit":
        return NO_BREAK + match["unit"]
    return match[0]
