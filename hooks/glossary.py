"""Glossary terms in place: the first time a page uses a term of its language's glossary, the reader can
open its definition right there (a button next to the term) and follow the term to the glossary entry.
A page's HTML is first searched for the terms' names (a few string searches), and its tags are read only
as far as the last use that can still be marked; only what the glossary adds is written: the rest of the
page stays as it was, byte for byte."""
from __future__ import annotations

import functools
import heapq
import re
from collections.abc import Iterator
from html import escape, unescape
from typing import NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from page_roles import GLOSSARY, is_clinic, is_page

# The definition button's accessible name, before the term.
DEFINITION = {"fr": "Définition : ", "en": "Definition: "}
# Elements whose text reads as one block, able to hold a definition at their end.
BLOCKS = frozenset(["p", "li", "dt", "dd", "td", "th", "figcaption"])
# Where a term is left as written: headings, links, code, and controls.
UNMARKED = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "summary", "code", "pre", "kbd",
                      "samp", "script", "style", "abbr", "dfn"])
# Elements that have no end tag.
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"])
# Elements found whole, with all they hold, in one match: those that leave terms as written, but kbd and samp
# (which may hold their like, the keys of a shortcut).
WHOLE = UNMARKED - {"kbd", "samp"}
# A tag: an element's end tag (its name), or its start tag (its name and attributes); or in one piece what holds
# no text to mark: a comment, a doctype, or a WHOLE element (its name, attributes and what it holds).
NAME = r"[A-Za-z][^\s/>]*"
ATTRIBUTES = r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
TAG = (r"<(?:!--(?s:.*?)--|[!?][^>]*|/(?P<end>" + NAME + r")[^>]*"
       r"|(?P<whole>(?i:" + "|".join(sorted(WHOLE)) + r"))(?![^\s/>])(?P<whole_attributes>" + ATTRIBUTES + r")(?<!/)>"
       r"(?P<inside>(?s:.*?))</(?i:(?P=whole))\s*|(?P<start>" + NAME + r")(?P<attributes>" + ATTRIBUTES + r"))>")
TAGS = re.compile(TAG)
# How far the page may be read at once, without reading its tags one by one (TAGS): in the shapes Python-Markdown
# writes most, each read as TAGS would read it (or not at all: what is not one of them, or is cut off by the end
# of the part searched, is left to TAGS). First what leaves the elements open as they were: text, whole elements
# (and void ones) as TAGS reads them, and elements with their end tag holding only such: inline elements,
# paragraphs (list items, cells) of text and inline elements, lists and boxes of those; then, if the part searched
# ends within a box, list or paragraph, its start tag and what it holds up to there, each group naming the
# element it opens.
_ATTRIBUTES = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+(?<!/)"""  # as ATTRIBUTES, not self-closing
_INLINE = ([rf"<{name}>[^<]*+</{name}>" for name in ("em", "strong", "b", "i")]
           + [rf"<{name}(?![^\s/>]){_ATTRIBUTES}>(?s:.*?)</(?i:{name})\s*+>" for name in ("a", "abbr", "code")]
           + [r"<br(?![^\s/>])" + ATTRIBUTES + ">"])
_TEXT = "(?:[^<]++|" + "|".join(_INLINE) + ")*+"
_PARAGRAPHS = ("p", "li", "dt", "dd", "td", "th")
_BLOCKS = [rf"<{name}(?![^\s/>]){_ATTRIBUTES}>{_TEXT}</{name}>" for name in _PARAGRAPHS]
_LISTS = [rf"<{name}(?![^\s/>]){_ATTRIBUTES}>(?:\s++|{_BLOCKS[1]})*+</{name}>" for name in ("ul", "ol")]
_BOXED = "(?:\\s++|" + "|".join(_BLOCKS + _LISTS) + ")*+"
SAME = re.compile(
    "(?:[^<]++|" + "|".join(_INLINE + _BLOCKS + _LISTS + [rf"<div(?![^\s/>]){_ATTRIBUTES}>{_BOXED}</div>",
                                                        r"<hr(?![^\s/>])" + ATTRIBUTES + ">"]
                            + [rf"<h{level}(?![^\s/>]){_ATTRIBUTES}>(?s:.*?)</(?i:h{level})\s*+>"
                               for level in range(1, 7)]) + ")*+"
    rf"(?:<(?P<box>div)(?![^\s/>]){_ATTRIBUTES}>{_BOXED})?"
    rf"(?:<(?P<list>ul|ol)(?![^\s/>]){_ATTRIBUTES}>(?:\s++|{_BLOCKS[1]})*+)?"
    rf"(?:<(?P<paragraph>{'|'.join(_PARAGRAPHS)})(?![^\s/>]){_ATTRIBUTES}>{_TEXT})?")
# The end tags of the elements SAME opens, and of those that hold them.
END_TAGS = {name: f"</{name}>" for name in ("p", "li", "dt", "dd", "td", "th", "ul", "ol", "dl", "div", "tr", "thead",
                                             "tbody", "table", "blockquote", "em", "strong", "b", "i", "span")}
# An attribute value without quotes.
UNQUOTED = re.compile(r"[^\s>]*")
# One attribute in a start tag, with or without a value.
ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


class Term(NamedTuple):
    """One glossary entry: its anchor on the glossary page, its heading, the names it goes by, its definition,
    and the HTML that opens it in a page: the end of the link on the term (after the glossary's address), the
    button after the term, the definition box at the block's end."""

    anchor: str
    heading: str
    names: list[str]
    definition: str
    link: str
    button: str
    box: str


class Beginning(NamedTuple):
    """How the uses of some of the glossary's names begin once folded (_fold), the entries they name, and whether
    such a use may hold the beginning of another name (a name of more than one word, or with signs): then that
    other name is part of it, not a use of its own."""

    text: str
    anchors: frozenset[str]
    spans: bool


class Glossary(NamedTuple):
    """A language's glossary as pages use it: its entries by anchor (and the longest anchor's length), a pattern
    that finds any of their names (each name's group standing for the entry it names), and how their uses begin:
    where a page may use them; None if a name begins with a letter that folds into two."""

    entries: dict[str, Term]
    longest: int
    names: re.Pattern
    named: dict[str, Term]
    beginnings: list[Beginning] | None


_glossaries: dict[str, Glossary | None] = {}


# Read the glossary afresh in each language build (static-i18n builds each language in turn).
def on_pre_build(config: MkDocsConfig) -> None:
    _glossaries.pop(config.theme["language"], None)


# Mark the first use of each glossary term on a content page. Every page's content is rendered by now,
# the glossary page's too, so its terms come from the page readers see.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    glossary = _glossary_page(nav)
    # Left alone: the glossary itself, clinic pages, and a page showing the other language's text while its
    # translation is pending (hooks/translations.py).
    if glossary is None or page is glossary or is_clinic(page.meta) or page.meta.get("untranslated") or not page.content:
        return context
    language = config.theme["language"]
    if language not in _glossaries:
        _glossaries[language] = _read(glossary.content, DEFINITION[language])
    if _glossaries[language]:
        page.content = _mark(page.content, _glossaries[language], get_relative_url(glossary.url, page.url))
    return context


# The glossary page of this language's navigation: looked up once per build, not once per page (which
# would make the build time grow with the square of the number of pages).
@functools.lru_cache(maxsize=1)
def _glossary_page(nav: Navigation) -> Page | None:
    return next((p for p in nav.pages if is_page(p, GLOSSARY)), None)


# The glossary's entries (each `## Term (other name, …) {#anchor}` and the elements after it up to the next
# such heading), their buttons named after the label, and the pattern that finds their names; None if there
# are none.
def _read(html: str, label: str) -> Glossary | None:
    terms = []
    for heading, siblings in _elements(_tree(html)):
        if heading[0] != "h2" or "id" not in heading[1]:
            continue
        anchor, title = heading[1]["id"], " ".join(_text(heading, permalinks=False).split())
        paragraphs = []
        for sibling in siblings:
            if sibling[0] == "h2":
                break
            paragraphs.append(" ".join(_text(sibling).split()))
        definition = " ".join(paragraphs)
        main, _, others = title.partition(" (")
        names = [main] + [name.strip() for name in others.rstrip(")").split(",") if name.strip()]
        terms.append(Term(anchor, title, names, definition, *_definition(anchor, title, definition, label)))
    # Where names start alike, the longest is tried first (then the glossary's order). The pattern is one
    # branch per letter a name may start with: the regex engine then skips at once the text that starts none.
    starting: dict[str, list[str]] = {}
    named: dict[str, Term] = {}
    for term, name in sorted(((term, name) for term in terms for name in term.names if name), key=lambda n: -len(n[1])):
        letters, rest = _pattern(name)
        for letter in letters:
            group = f"t{len(named)}"
            named[group] = term
            starting.setdefault(letter, []).append(f"(?P<{group}>{rest})")
    if not named:
        return None
    branches = [re.escape(letter) + r"(?<![\w-].)(?:" + "|".join(patterns) + r")(?![\w-])"
                for letter, patterns in starting.items()]
    beginnings: dict[str, tuple[set[str], bool]] = {}
    for term in terms:
        for name in filter(None, term.names):
            text, spans = _beginning(name)
            anchors, spanning = beginnings.setdefault(text, (set(), False))
            anchors.add(term.anchor)
            beginnings[text] = anchors, spanning or spans
    return Glossary({term.anchor: term for term in reversed(terms)}, max(len(term.anchor) for term in terms),
                    re.compile("|".join(branches)), named,
                    None if "" in beginnings else [Beginning(text, frozenset(anchors), spans)
                                                   for text, (anchors, spans) in beginnings.items()])


# A name as it may appear in a page's HTML text, where &, < and > are entities: any case and plural for words,
# exact case for acronyms (HAS, AMM). Given as the ways its first letter may be written (its lower and upper
# case; not the rare signs that case-blind matching also takes for a letter, like the kelvin sign K for k), and
# a pattern for the rest.
def _pattern(name: str) -> tuple[list[str], str]:
    text = escape(name, quote=False)
    if name.isupper():
        return [text[0]], re.escape(text[1:])
    words = []
    for word in text.split():
        if word.endswith("al"):
            words.append(re.escape(word[:-1]) + "(?:l|ux|ls)")
        elif word.endswith("y") and word != "y":
            words.append(re.escape(word[:-1]) + "(?:y|ies)")
        else:
            words.append(re.escape(word) + "(?:s|x|es)?")
    letters = [case for case in dict.fromkeys([text[0], text[0].lower(), text[0].upper()]) if len(case) == 1]
    return letters, "(?i:" + r"\s+".join(words)[len(re.escape(text[0])):] + ")"


# The page's HTML with each term's first use linked to its entry and followed by its definition button; the
# definition itself goes at the end of the paragraph (or list item, cell), so that once opened it shows
# below the sentence instead of cutting it in two.
# The page is gone through from one place where it may use a term to the next, in the page's order: the next
# place where each name's beginning is found (in the folded page; if folding changes the page's length, the next
# name the pattern finds), and the next link to the glossary; a name's beginning is left once its entries are
# marked, unless a use of it may hide another name. Only for a use that may be marked is the page read up to
# it, to know the elements open there: what SAME finds in one match, the rest a tag at a time (TAGS). Once no
# use is left to mark, the page is read on only while definitions wait for their element's end.
def _mark(html: str, glossary: Glossary, glossary_url: str) -> str:
    folded = _fold(html)
    beginnings, find = glossary.beginnings, folded.find
    if beginnings is None or len(folded) != len(html):
        beginnings, find = [Beginning("", frozenset(), True)], functools.partial(_search, glossary.names, html)
    places = [(find(beginning.text, 0), index) for index, beginning in enumerate(beginnings)]
    places.append((html.find(glossary_url), -1))
    places = [place for place in places if place[0] >= 0]
    heapq.heapify(places)
    link = f'<a href="{escape(glossary_url)}'
    done: set[str] = set()
    used = 0  # where the last use of a name ends: a name within it is part of it, not a use of its own
    written: list[str] = []  # the new page, up to `copied` in the old one
    copied = 0
    read = 0  # where the page is read to: where the last tag read ends, or a place in the text
    open_elements = [""]  # the names of the elements open there, the page itself first
    waiting: dict[int, list[str]] = {}  # the definitions that go at the end of an open element, by its place
    last = coming = None  # the last tag read; the first tag after `read`, if looked for already
    while True:
        # The next use that may be marked, if any: a name (use) or a link (term).
        use = term = None
        while places and len(done) < len(glossary.entries):
            place, index = places[0]
            if index < 0:
                following = html.find(glossary_url, place + 1)
                term = _linkable(html, place, glossary, glossary_url, done)
            else:
                beginning = beginnings[index]
                if not beginning.spans and beginning.anchors <= done:
                    heapq.heappop(places)
                    continue
                following = find(beginning.text, place + 1)
                use = glossary.names.match(html, place) if place >= used else None
                if use:
                    used = use.end()
                    term = glossary.named[use.lastgroup]
                    if term.anchor in done:
                        use = term = None
            if following < 0:
                heapq.heappop(places)
            else:
                heapq.heapreplace(places, (following, index))
            if term:
                break
        else:
            if not waiting:
                break
            place = len(html)
        # The page read up to there (or, with no use left, while definitions wait).
        if read < place and html.find("<", read, place) < 0:
            read = place
        while read < place and (term or waiting):
            same = SAME.match(html, read, place)
            read = same.end()
            if same.lastindex:
                open_elements += filter(None, same.group("box", "list", "paragraph"))
            end_tag = END_TAGS.get(open_elements[-1])
            if end_tag and html.startswith(end_tag, read) and read + len(end_tag) <= place:
                depth, start = len(open_elements) - 1, read  # the innermost element's end tag, as TAGS reads it
                read += len(end_tag)
            else:
                tag = coming if coming is not None and coming.start() >= read else TAGS.search(html, read)
                if tag is None or tag.start() >= place:
                    coming = tag
                    break
                last, read, kind = tag, tag.end(), tag.lastgroup
                if kind == "attributes":
                    name = tag["start"].lower()
                    if name not in VOID and not tag["attributes"].endswith("/"):
                        open_elements.append(name)
                if kind != "end":
                    continue
                depth, start = _opened(open_elements, tag["end"].lower()), tag.start()
                if not depth:
                    continue  # an end tag without its start tag
            if waiting and not waiting.keys().isdisjoint(range(depth, len(open_elements))):
                # Before the end tag, the definitions of the elements it ends (those left open inside it first).
                written.append(html[copied:start])
                for inner in range(len(open_elements) - 1, depth - 1, -1):
                    written += waiting.pop(inner, ())
                copied = start
            del open_elements[depth:]
        if not term:
            break
        # The use marked, unless it is in a tag (a name) or in a heading, link, code or control.
        if use:
            if read > place or not UNMARKED.isdisjoint(open_elements):
                continue
            written += (html[copied:place], f"{link}{term.link}{use[0]}</a>{term.button}")
            copied = used
        else:
            term = _linked(last if read > place else None, glossary, glossary_url, done)
            if term is None or not UNMARKED.isdisjoint(open_elements):
                continue
            written += (html[copied:read], term.button)
            copied = read
        done.add(term.anchor)
        block = len(open_elements) - 1
        while block and open_elements[block] not in BLOCKS:
            block -= 1
        waiting.setdefault(block or len(open_elements) - 1, []).append(term.box)
    if not written:
        return html
    # Elements still open at the end of the page take their definitions there.
    written.append(html[copied:])
    for depth in range(len(open_elements) - 1, -1, -1):
        written += waiting.pop(depth, ())
    return "".join(written)


# The place of the next name the pattern finds in the page from `start`, -1 if none.
def _search(names: re.Pattern, html: str, beginning: str, start: int) -> int:
    use = names.search(html, start)
    return use.start() if use else -1


# The entry a link to the glossary (its address found at place) may go to, not marked yet: one whose anchor
# follows the address as is, up to the end of the attribute value the address may begin; or, if that has an
# entity, any.
def _linkable(html: str, place: int, glossary: Glossary, glossary_url: str, done: set[str]) -> Term | None:
    rest = place + len(glossary_url)
    quote = html[place - 1:place]
    end = html.find(quote, rest) if quote in ("'", '"') else UNQUOTED.match(html, rest).end()
    target = html[rest:end] if end >= 0 else ""
    if "&" in target:
        return next((term for anchor, term in glossary.entries.items() if anchor not in done), None)
    term = glossary.entries.get(target[1:]) if target[:1] == "#" else None
    return term if term and term.anchor not in done else None


# The entry that a link the author wrote to the glossary goes to, if it is one not marked yet (the tag read where
# its address was found: a link to an entry counts as the term's first use, and gets the button.
def _linked(tag: re.Match | None, glossary: Glossary, glossary_url: str, done: set[str]) -> Term | None:
    if tag is None or tag.lastgroup != "inside" or tag["whole"].lower() != "a" or "#" not in tag["whole_attributes"]:
        return None
    path, _, anchor = _attributes(tag["whole_attributes"]).get("href", "").partition("#")
    term = glossary.entries.get(anchor)
    return term if path == glossary_url and term and term.anchor not in done else None


# A text in one case: the same for all the letters the regex module takes for one another when it ignores case
# (k and the kelvin sign K, s and the long s ſ, σ and ς…; casefold() but for the dotless ı), one letter for one
# letter but for the rare letters that fold into two (ß, İ).
def _fold(text: str) -> str:
    return text.casefold().replace("ı", "i")


# The folded text that every use of a name begins with (its first word, but for the letters its plurals change
# (_pattern), up to any letter that folds into two), and whether a use of it may hold another name's beginning:
# it may unless the name is one word of Latin letters, digits and hyphens (whose other cases are all such).
def _beginning(name: str) -> tuple[str, bool]:
    text = escape(name, quote=False)
    word = text.split()[0]
    if not name.isupper() and (word.endswith("al") or word.endswith("y") and word != "y"):
        word = word[:-1]
    single = next((place for place, letter in enumerate(word) if len(_fold(letter)) != 1), len(word))
    return _fold(word[:single]), not (re.fullmatch(r"[\w-]+", text) and max(text) <= "\xff")


# The place in open_elements of the innermost open element of this name (0 if none is open): the element an
# end tag ends, with any the author left open inside it.
def _opened(open_elements: list[str], name: str) -> int:
    depth = len(open_elements) - 1
    while depth and open_elements[depth] != name:
        depth -= 1
    return depth


# The end of the link from a term to its entry, the button that shows or hides the entry's definition (site.js),
# and the definition, hidden until asked for.
def _definition(anchor: str, heading: str, definition: str, label: str) -> tuple[str, str, str]:
    box = escape(f"site-term-{anchor}")
    return (f'#{escape(anchor)}" class="site-term">',
            f'<button type="button" class="site-term__button" aria-expanded="false" aria-controls="{box}" '
            f'aria-label="{escape(label + heading)}"><span aria-hidden="true">?</span></button>',
            f'<span class="site-term__definition" id="{box}" hidden><strong>{escape(heading, quote=False)}</strong> '
            f'{escape(definition, quote=False)}</span>')


# A start tag's attributes and their values, entities decoded.
def _attributes(text: str) -> dict[str, str]:
    return {match[1].lower(): unescape(match[2] or match[3] or match[4] or "") for match in ATTRIBUTE.finditer(text)}


# The glossary page as a tree: each element a list of its name, attributes and children (elements, and texts
# with entities decoded), the page itself at the root.
def _tree(html: str) -> list:
    open_elements, names = [["", {}, []]], [""]
    copied = 0
    for tag in TAGS.finditer(html):
        open_elements[-1][2].append(unescape(html[copied:tag.start()]))
        copied = tag.end()
        if tag.lastgroup == "end":
            depth = _opened(names, tag["end"].lower())
            if depth:
                del open_elements[depth:], names[depth:]
        elif tag.lastgroup == "inside":
            name = tag["whole"].lower()
            inside = [] if name in ("script", "style") else _tree(tag["inside"])[2]  # their text is not HTML
            open_elements[-1][2].append([name, _attributes(tag["whole_attributes"]), inside])
        elif tag.lastgroup == "attributes":
            element = [tag["start"].lower(), _attributes(tag["attributes"]), []]
            open_elements[-1][2].append(element)
            if element[0] not in VOID and not tag["attributes"].endswith("/"):
                open_elements.append(element)
                names.append(element[0])
    open_elements[-1][2].append(unescape(html[copied:]))
    return open_elements[0]


# Each element of a tree, in the order of the page, with the elements that follow it in its parent.
def _elements(element: list) -> Iterator[tuple[list, list[list]]]:
    children = [child for child in element[2] if not isinstance(child, str)]
    for place, child in enumerate(children):
        yield child, children[place + 1:]
        yield from _elements(child)


# An element's text, with or without the permalink symbol (¶) that headings end with.
def _text(element: list, permalinks: bool = True) -> str:
    if not permalinks and element[0] == "a" and "headerlink" in element[1].get("class", "").split():
        return ""
    return "".join(child if isinstance(child, str) else _text(child, permalinks) for child in element[2])
