"""A page's HTML as plain text: cut into sections at its
headings for the search index and the FAQ's structured data, or into words and blocks for the reading level.
A few regular-expression passes over the whole page and one split into words: no HTML parser."""
from __future__ import annotations

import functools
import html as entities
import re


# The page's sections, each {"level", "anchor", "title", "text"}, cut at the given heading tags (a heading not
# among them stays in its section's text); the text before the first heading is a section of level 0 with no title.
def sections(html: str, headings: tuple[str, ...] = ("h1", "h2", "h3")) -> list[dict]:
    names, anchors, plain = _read(html)
    parts = list(map(str.strip, " ".join(plain.replace(BLOCK_BREAK, " ").split()).split(_HEADING_MARK)))
    found = [{"level": 0, "anchor": "", "title": "", "text": parts[0]}]
    for name, anchor, title, text in zip(names, anchors, parts[1::2], parts[2::2]):
        if name.lower() in headings:
            found.append({"level": int(name[1]), "anchor": anchor or "", "title": title, "text": text})
        else:
            found[-1]["text"] = " ".join(filter(None, (found[-1]["text"], title, text)))
    return [section for section in found if section["title"] or section["text"]]


# The page's words and marks in reading order (its text split at spaces), with BLOCK_BREAK between two blocks (a
# heading, paragraph, list item, table cell…; sometimes twice in a row).
def words(html: str) -> list[str]:
    return _read(html)[2].replace(_HEADING_MARK, BLOCK_BREAK).split()


# The text of each block in reading order, with spaces around it; some are empty.
def blocks(html: str) -> list[str]:
    return " ".join(words(html)).split(BLOCK_BREAK)


# What is not read, with its content: comments, scripts, styles, templates and the permalink sign after each heading.
_HIDDEN = re.compile(r'<(?:!--.*?-->|(script|style|template)\b.*?</\1\s*>|a [^>]*class="headerlink"[^>]*>.*?</a>)',
                     re.S)
# A heading: its tag, its anchor (the first id attribute) and its title.
_HEADING = re.compile(r'<(h[1-6])\b(?:[^>]*?(?-i:\bid="([^">]*)"))?[^>]*>(.*?)</\1\s*>', re.S | re.I)
# The start or end tags of one or more blocks in a row: the words on either side are apart (HTML as Markdown and
# the theme write it: lowercase tags; Markdown escapes any > inside an attribute's value).
_BLOCK_TAG = r"</?(?:p|li|dt|dd|td|th|h[1-6]|blockquote|figcaption|summary|div|ul|ol|dl|table|tr|details|pre)\b[^>]*>"
_BLOCK_TAGS = re.compile(rf"{_BLOCK_TAG}(?:\s*{_BLOCK_TAG})*")
# Any other tag vanishes without a space, as a browser shows it.
_TAG = re.compile(r"<[^>]*>")
# The word words() puts between blocks, and the one sections() puts around each title: characters no page holds.
BLOCK_BREAK, _HEADING_MARK = "\0", "\2"


# A piece of HTML, its hidden parts removed, as text: BLOCK_BREAK between blocks, a word of its own; whitespace as
# it comes.
def _plain(html: str) -> str:
    text = _TAG.sub("", _BLOCK_TAGS.sub(f" {BLOCK_BREAK} ", html))
    return entities.unescape(text) if "&" in text else text


# A page's headings (tag names and anchors, None without an id) and its text, _HEADING_MARK around each heading's
# title: read once per page, as search and the reading level both ask for every page of a language (bounded: a
# language of up to 2048 pages is read once; mkdocs serve's rebuilds do not pile up).
@functools.lru_cache(maxsize=2048)
def _read(html: str) -> tuple[list[str], list[str | None], str]:
    pieces = _HEADING.split(_HIDDEN.sub("", html))  # the text before the first heading, then per heading: its
    # tag name, anchor, title, and the text after it
    names, anchors = pieces[1::4], pieces[2::4]
    del pieces[1::4], pieces[1::3]  # the texts and titles in reading order
    return names, anchors, _plain(f" {_HEADING_MARK} ".join(pieces))
