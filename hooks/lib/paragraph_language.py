"""Paragraphs written in the wrong language, such as a French paragraph left in an English page
(a helper module for the hooks).

The detector (lingua) knows only the site's languages and uses its small, fast models; it is loaded
once per process, which also spares `mkdocs serve` a reload on every rebuild. It only sees paragraphs
holding some of the other language's commonest words (FUNCTION_WORDS): a page with none, nearly every
page, costs one look at its words. Quoted words and elements marked with a lang attribute are the
writer's choice and are left out; a paragraph is reported only when both the whole text and most of its
words read as the other language.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

# Shorter text (a heading, a table cell, a short list item) is too short for a sure answer.
MIN_WORDS = 5
# How sure the detector must be that the paragraph as a whole is in the other language.
MIN_CONFIDENCE = 0.9
# Short words each language uses in nearly every sentence and the other site language does not: a
# paragraph written in a language holds some of them. Languages without a list are always detected.
FUNCTION_WORDS = {
    "fr": frozenset("le la les des une est et du pour avec dans qui que sont pas sur au aux ce cette il elle nous"
                    " vous mais par ne se sa ses leur votre vos".split()),
    "en": frozenset("the and of to is are with for you your this that it be or can will not from by they their"
                    " which have has was were".split()),
    "es": frozenset("el los las del una por para con como pero muy también está están cuando hay puede usted"
                    " este esta estos sin sobre".split()),
}

_FENCE = re.compile(r"^\s*(```|~~~)")
# A line that starts a new paragraph-like unit: heading, list item, table row, definition, admonition.
_UNIT_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||:\s|[!?]{3})")
# Text the writer marked as being in a language (<span lang="fr">…</span>, *…*{lang=fr}) or quoted.
_MARKED = re.compile(
    r"<(\w+)[^>]*\blang=[^>]*>.*?</\1>"
    r"|(\*{1,2}[^*\n]+\*{1,2}|_{1,2}[^_\n]+_{1,2})\{[^}]*\blang=[^}]*\}"
    r'|"[^"\n]*"|«[^»\n]*»|“[^”\n]*”',
    re.DOTALL,
)
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Where a link goes, without its text: removed with no group to copy back, this is quicker than _LINK.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"\{\s*[:#.][^}]*\}|\{\s*\w+=[^}]*\}")
_TAG = re.compile(r"<[^>]+>")
_LINE_SYNTAX = re.compile(r"^\s*(#{1,6}|[-*+]|\d+[.)]|:|[!?]{3}\+?\s*[\w-]+)\s+")
_WORD = re.compile(r"\w+")
# ASCII letters lowered, digits and the bytes of other characters kept, the rest (punctuation) blanked.
_LOWER_LETTERS_AND_DIGITS = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 or byte >= 128 else 32
    for byte in range(256)
)


# The paragraphs that read as a language other than the page's: their line number and that language.
def wrong_language_lines(body: str, first_line: int, language: str, languages: list[str]) -> Iterator[tuple[int, str]]:
    markers = _other_languages_words(language, tuple(languages))
    if markers is not None and markers.isdisjoint(_words(_ATTRIBUTES.sub(" ", _LINK_TARGET.sub(" ", body)))):
        return
    detector = _detector(tuple(languages))
    expected = _language(language)
    for line, text in _paragraphs(body, first_line):
        if len(_WORD.findall(text)) < MIN_WORDS or (markers is not None and markers.isdisjoint(_words(text))):
            continue
        best = max(detector.compute_language_confidence_values(text), key=lambda value: value.value)
        if best.language != expected and best.value >= MIN_CONFIDENCE and _share_of_words(detector, text, best.language) > 0.5:
            yield line, best.language.iso_code_639_1.name.lower()


# The commonest words of the site's other languages (as _words gives them), or None when one has no list.
@functools.cache
def _other_languages_words(language: str, languages: tuple[str, ...]) -> frozenset[bytes] | None:
    others = [other for other in languages if other != language]
    if not all(other in FUNCTION_WORDS for other in others):
        return None
    return frozenset(word.encode() for other in others for word in FUNCTION_WORDS[other])


# A text's words in lower case, as UTF-8 bytes: the lists' words are plain ASCII, and bytes.translate
# lowers the text and blanks its punctuation in one pass (every page goes through this).
def _words(text: str) -> set[bytes]:
    return set(text.encode().translate(_LOWER_LETTERS_AND_DIGITS).split())


# Each paragraph-like unit of the Markdown as plain text, with the line it starts on.
def _paragraphs(body: str, first_line: int) -> list[tuple[int, str]]:
    units: list[tuple[int, list[str]]] = []
    fenced = in_unit = False
    for number, line in enumerate(body.splitlines(), first_line):
        if _FENCE.match(line):
            fenced, in_unit = not fenced, False
        elif fenced or not line.strip() or line.lstrip().startswith("<!--"):
            in_unit = False
        else:
            if not in_unit or _UNIT_START.match(line):
                units.append((number, []))
                in_unit = True
            units[-1][1].append(line)
    return [(start, _plain_text(lines)) for start, lines in units]


# What a reader reads of some Markdown lines: no syntax, links, code or marked and quoted text.
def _plain_text(lines: list[str]) -> str:
    text = _MARKED.sub(" ", "\n".join(lines))
    text = _LINK.sub(r"\1", _CODE.sub(" ", text))
    text = _TAG.sub(" ", _ATTRIBUTES.sub(" ", text))
    text = " ".join(_LINE_SYNTAX.sub(" ", line) for line in text.splitlines())
    return " ".join(text.replace("*", " ").replace("_", " ").replace("|", " ").split())


# The share of the text's words that the detector puts in the given language.
def _share_of_words(detector: LanguageDetector, text: str, language: Language) -> float:
    counts = {True: 0, False: 0}
    for part in detector.detect_multiple_languages_of(text):
        counts[part.language == language] += len(_WORD.findall(text[part.start_index:part.end_index]))
    return counts[True] / max(1, counts[True] + counts[False])


# The detector for the site's languages, built once per process.
@functools.cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*map(_language, languages)).with_low_accuracy_mode().build()


# Lingua's language for a site locale ("fr" → Language.FRENCH).
def _language(locale: str) -> Language:
    return Language.from_iso_code_639_1(IsoCode639_1.from_str(locale))
