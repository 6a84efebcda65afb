"""Reading level of each page in its own language: a table at every build, a warning over the target."""
from __future__ import annotations

import re
import sys
from itertools import repeat
from typing import NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib.build_state import language_state, state
from lib.page_roles import is_clinic
from lib.page_sections import BLOCK_BREAK, blocks, words

log = get_plugin_logger(__name__)


class Target(NamedTuple):
    """A language's readability formula, base + per_word_per_sentence·(words/sentences) +
    per_syllable_per_word·(syllables/words), and the score every page must reach."""

    formula: str
    base: float
    per_word_per_sentence: float
    per_syllable_per_word: float
    limit: float
    higher_is_easier: bool

    # Does this score meet the target?
    def met(self, score: float) -> bool:
        return score >= self.limit if self.higher_is_easier else score <= self.limit

    # "≥ 60" or "≤ 9".
    def wording(self) -> str:
        return f"{'≥' if self.higher_is_easier else '≤'} {self.limit:g}"


# French: Kandel–Moles reading ease, a general newspaper being around 60. English: Flesch–Kincaid grade,
# the US school year a reader needs.
TARGETS = {
    "fr": Target("Kandel–Moles", 207, -1.015, -73.6, 60, True),
    "en": Target("Flesch–Kincaid grade", -15.59, 0.39, 11.8, 9, False),
}


class Reading(NamedTuple):
    """One page's measure."""

    score: float
    words: int
    longest_sentence: int


# Keep the page's rendered text (not its Markdown) to measure in the language it is written in (a page still to be
# translated shows the other language's text: hooks/translations.py). The pages are measured together at the end,
# one after the other: between the build's other work, each page would find the memoised words out of the CPU's
# cache, and cost about twice as much.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = page.meta.get("untranslated") or config.theme["language"]
    if not is_clinic(page.meta) and language in TARGETS:
        language_state(config).measured_pages.append((f"docs/{page.file.src_uri}", language, html))
    return html


# Measure this language's pages: a warning for each that misses its target, and the table of them all.
def on_post_build(config: MkDocsConfig) -> None:
    build = state(config)
    rows = [(name, language, build.remembered(("reading level", html, language), lambda: _measure(words(html), language)))
            for name, language, html in language_state(config).measured_pages]
    if not rows:
        return
    for name, language, reading in rows:
        target = TARGETS[language]
        if not target.met(reading.score):
            log.warning(f"{name}: reading level: {target.formula} {reading.score:.1f}, the target is "
                        f"{target.wording()} — use shorter sentences (the longest has {reading.longest_sentence} "
                        "words) and everyday words.")
    width = max(len(name) for name, _, _ in rows)
    targets = "; ".join(f"{language}: {target.formula} {target.wording()}" for language, target in TARGETS.items())
    lines = [f"Reading level ({config.theme['language']} pages; targets {targets}):",
             f"  {'page':<{width}}  language  score  words  longest sentence"]
    lines += [f"  {name:<{width}}  {language:<8}  {r.score:5.1f}  {r.words:5d}  {r.longest_sentence:3d} words"
              for name, language, r in rows]
    log.info("\n".join(lines))


# The readability of a text in a language, with its word count and longest sentence (in words). A sentence
# ends at . ! or ? before a space; a word is what lies between spaces, with a letter or digit ("l'effet",
# "contre-indication" and "don't" are one word each, as in most word counts; "–" and "«" are none).
def measure(text: str, language: str) -> Reading:
    return _measure(text.split(), language)


# The text a reader reads, one sentence per block: a heading, list item or table cell ends a sentence even
# without a full stop, so a list is not measured as one endless sentence (hooks/lib/page_sections.py reads the blocks).
def page_text(html: str) -> str:
    texts = filter(None, map(str.strip, blocks(html), repeat(" ;:,")))
    return " ".join(text if text[-1] in ".!?" else f"{text}." for text in texts)


# The readability of a text's tokens (see measure()); a page's block break (hooks/lib/page_sections.py) ends a sentence
# as the full stop page_text() puts there does. Each token becomes its memoised outline (_Outlines): the text is
# then read by a few string methods rather than a Python loop over its words.
def _measure(tokens: list[str], language: str) -> Reading:
    outline = "".join(map(_OUTLINES[language].__getitem__, tokens))
    words_and_ends = outline.replace(_SYLLABLE, "")
    sentences = words_and_ends.count(f"{_WORD}{_END}") + words_and_ends.endswith(_WORD)  # those with a word
    if not sentences:
        return Reading(0.0, 0, 0)
    word_count = words_and_ends.count(_WORD)
    syllables = word_count + len(outline) - len(words_and_ends)
    target = TARGETS[language]
    score = (target.base + target.per_word_per_sentence * word_count / sentences
             + target.per_syllable_per_word * syllables / word_count)
    return Reading(round(score, 1), word_count, len(max(words_and_ends.split(_END))))


class _Syllables(NamedTuple):
    """A language's spelling rules for its spoken syllables: vowel groups (a digraph such as "ou" or "ea" is
    one group), plus the groups read as two syllables, minus the silent endings; at least one per word."""

    silent_letters: re.Pattern  # removed first: the u after q is no vowel
    extra: re.Pattern  # a syllable more than the vowel groups show
    silent_endings: re.Pattern  # a vowel group not read

    # The syllables of a word, none for a mark without a letter or digit.
    def count(self, word: str) -> int:
        if not _WORD_CHARACTER.search(word):
            return 0
        word = self.silent_letters.sub("", word.lower())
        return max(1, len(_VOWEL_GROUP.findall(word)) + len(self.extra.findall(word))
                   - len(self.silent_endings.findall(word)))


class _Outlines(dict):
    """A language's tokens, each outlined for measure(): _WORD and a _SYLLABLE per syllable after the first for a
    word, nothing for a mark, then _END if the token ends a sentence. Filled as tokens come (a site uses a small
    vocabulary; emptied past _MAX_TOKENS, so that mkdocs serve's rebuilds cannot grow it without end)."""

    # Only the page's block breaks yet, and the language's spelling rules to outline the rest.
    def __init__(self, syllables: _Syllables) -> None:
        super().__init__({BLOCK_BREAK: _END})
        self.syllables = syllables

    # Outline a token met for the first time (one object per distinct outline: there are few).
    def __missing__(self, token: str) -> str:
        if len(self) >= _MAX_TOKENS:
            self.clear()
            self[BLOCK_BREAK] = _END
        count = self.syllables.count(token)
        word = f"{_WORD}{_SYLLABLE * (count - 1)}" if count else ""
        self[token] = outline = sys.intern(f"{word}{_END}" if token[-1] in ".!?" else word)
        return outline


_WORD, _SYLLABLE, _END = "w", "s", "."
_MAX_TOKENS = 200_000  # distinct tokens outlined per language: far more than a large site's vocabulary
_WORD_CHARACTER = re.compile(r"\w")
_VOWELS = "aeiouyàâäéèêëîïôöùûüÿæœ"
_VOWEL_GROUP = re.compile(f"[{_VOWELS}]+")
_CONSONANTS = "bcçdfghjklmnpqrstvwxz"
# An ending is silent only after a consonant that follows a vowel of the same word (or part of a compound):
# "le" and "the" keep their only syllable.
_AFTER_A_VOWEL = f"[{_VOWELS}][{_CONSONANTS}]+"
_FRENCH = _Syllables(
    # The u of qu, and of gu before e or i, only marks the consonant: "pratique", "guérir".
    re.compile(r"(?<=q)u|(?<=g)u(?=[eiéèêy])"),
    # Two vowels read apart: é before a vowel ("réaction", "créer", but not a mute e: "année"); a
    # diaeresis ("naïf", "Noël", but "aiguë" is two syllables); y between vowels ("moyen").
    re.compile(r"é(?=[aàâiîoôuû]|e(?!s?\b))|(?<=[aeiouéâ])[ïü]|(?<=[aeioéâ])ë|(?<=[aeiou])y(?=[aeiou])"),
    # The mute e of a last syllable: "contre", "rides", and the verb ending "-ent" ("parlent"), except
    # "-ment", most often a noun or adverb ("traitement", "seulement").
    re.compile(rf"{_AFTER_A_VOWEL}(?:es?|(?<!m)ent)\b"),
)
_ENGLISH = _Syllables(
    re.compile(r"(?<=q)u"),
    # A syllable without its own vowel ("didn't"); vowels read apart: "ia", "io" ("diagnosis", "serious",
    # but not "special", "region", "session"), "ua" ("usual", but not "language"), a final "ea" ("area"),
    # y between vowels ("layer").
    re.compile(rf"(?<=[{_CONSONANTS}])n['’]t\b|(?<![cgstx])i(?=[ao])|(?<![gq])u(?=a)"
               rf"|{_AFTER_A_VOWEL}e(?=as?\b)|(?<=[aeiou])y(?=[aeiou])"),
    # A silent final e ("make"; but not "-le", "-re" after a consonant: "table", "centre"), and "-es",
    # "-ed" that add no syllable ("makes", "someone's", "used"; but "boxes", "France's", "wanted").
    re.compile(rf"{_AFTER_A_VOWEL}(?<![^aeiouyl]l)(?:(?<![^aeiouy]r)(?:e(?!['’]s)|(?<![cgsxz])(?<![cs]h)e['’]?s)"
               rf"|(?<![td])ed)\b"),
)
_OUTLINES = {"fr": _Outlines(_FRENCH), "en": _Outlines(_ENGLISH)}
