"""Glossary terms in place: the first time a page uses a term of its language's glossary, the reader can
open its definition right there (a button next to the term) and follow the term to the glossary entry.
A page is read in one pass over the HTML Python-Markdown wrote, and only what the glossary adds is written:
the rest of the page stays as it was, byte for byte."""
from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape, unescape
from typing import NamedTuple

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from lib import site_strings
from lib.build_state import state
from lib.markup import NAME
from lib.page_roles import GLOSSARY, is_clinic, is_page

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
ATTRIBUTES = r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
TAG = (r"<(?:!--(?s:.*?)--|[!?][^>]*|/(?P<end>" + NAME + r")[^>]*"
       r"|(?P<whole>(?i:" + "|".join(sorted(WHOLE)) + r"))(?![^\s/>])(?P<whole_attributes>" + ATTRIBUTES + r")(?<!/)>"
       r"(?P<inside>(?s:.*?))</(?i:(?P=whole))\s*|(?P<start>" + NAME + r")(?P<attributes>" + ATTRIBUTES + r"))>")
TAGS = re.compile(TAG)
# One attribute in a start tag, with or without a value.
ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


class Term(NamedTuple):
    """One glossary entry: its anchor on the glossary page, its heading, the names it goes by, its definition,
    and the HTML that opens it in a page: the button after the term, the definition box at the block's end."""

    anchor: str
    heading: str
    names: list[str]
    definition: str
    button: str
    box: str


class Glossary(NamedTuple):
    """A language's glossary as pages use it: its entries, and a pattern that finds in a page its tags (TAG)
    and any of the entries' names, each name's group standing for the entry it names."""

    terms: list[Term]
    tokens: re.Pattern
    named: dict[str, Term]


# Mark the first use of each glossary term on every content page, all pages in a row once every page's
# content is rendered (the glossary page's too, so its terms come from the page readers see) and before any
# is written.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    glossary = next((page for page in pages if is_page(page, GLOSSARY)), None)
    if glossary is None:
        return env
    # The definition button's accessible name, before the term, is an interface string.
    label = site_strings.text(config, "site.glossary.definition", config.theme["language"])
    build = state(config)
    terms = build.remembered(("glossary", glossary.content, label), lambda: _read(glossary.content, label))
    if terms is None:
        return env
    # Left alone: the glossary itself, clinic pages, and a page showing the other language's text while its
    # translation is pending (hooks/translations.py).
    for page in pages:
        if page is not glossary and page.content and not is_clinic(page.meta) and not page.meta.get("untranslated"):
            url = get_relative_url(glossary.url, page.url)
            page.content = build.remembered(("glossary marks", glossary.content, label, page.content, url),
                                            lambda: _mark(page.content, terms, url))
    return env


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
    return Glossary(terms, re.compile("|".join([TAG, *branches])), named)


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
def _mark(html: str, glossary: Glossary, glossary_url: str) -> str:
    written: list[str] = []  # the new page, up to `copied` in the old one
    copied = 0
    open_elements = [""]  # the names of the open elements, the page itself first
    waiting: dict[int, list[str]] = {}  # the definitions that go at the end of an open element, by its place
    done: set[str] = set()
    link = f'<a href="{escape(glossary_url)}#'
    for token in glossary.tokens.finditer(html):
        kind = token.lastgroup
        if kind == "end":
            depth = _opened(open_elements, token["end"].lower())
            if not depth:
                continue  # an end tag without its start tag
            if waiting and not waiting.keys().isdisjoint(range(depth, len(open_elements))):
                # Before the end tag, the definitions of the elements it ends (those left open inside it first).
                written.append(html[copied:token.start()])
                for inner in range(len(open_elements) - 1, depth - 1, -1):
                    written += waiting.pop(inner, ())
                copied = token.start()
            del open_elements[depth:]
        elif kind == "attributes":
            name = token["start"].lower()
            if name not in VOID and not token["attributes"].endswith("/"):
                open_elements.append(name)
        elif kind == "inside" and token["whole"].lower() == "a" and "#" in token["whole_attributes"]:
            # A link the author wrote to a glossary entry counts as the term's first use: it gets the button.
            path, _, anchor = _attributes(token["whole_attributes"]).get("href", "").partition("#")
            term = next((t for t in glossary.terms if t.anchor == anchor), None)
            if path == glossary_url and term and term.anchor not in done and UNMARKED.isdisjoint(open_elements):
                done.add(term.anchor)
                written += [html[copied:token.end()], term.button]
                copied = token.end()
                waiting.setdefault(_block(open_elements), []).append(term.box)
        elif kind in glossary.named:
            # A term in the text: linked and followed by its button the first time, unless it is left as written.
            term = glossary.named[kind]
            if term.anchor in done or not UNMARKED.isdisjoint(open_elements):
                continue
            done.add(term.anchor)
            written += [html[copied:token.start()], f'{link}{escape(term.anchor)}" class="site-term">{token[0]}</a>',
                        term.button]
            copied = token.end()
            waiting.setdefault(_block(open_elements), []).append(term.box)
    # Elements still open at the end of the page take their definitions there.
    written.append(html[copied:])
    for depth in range(len(open_elements) - 1, -1, -1):
        written += waiting.pop(depth, ())
    return "".join(written)


# The place in open_elements of the innermost open element of this name (0 if none is open): the element an
# end tag ends, with any the author left open inside it.
def _opened(open_elements: list[str], name: str) -> int:
    depth = len(open_elements) - 1
    while depth and open_elements[depth] != name:
        depth -= 1
    return depth


# The place in open_elements of the open paragraph, list item or cell (else of the innermost open element):
# where a definition goes.
def _block(open_elements: list[str]) -> int:
    return next((depth for depth in range(len(open_elements) - 1, 0, -1) if open_elements[depth] in BLOCKS),
                len(open_elements) - 1)


# The button that shows or hides an entry's definition (site.js), and the definition, hidden until asked for.
def _definition(anchor: str, heading: str, definition: str, label: str) -> tuple[str, str]:
    box = escape(f"site-term-{anchor}")
    return (f'<button type="button" class="site-term__button" aria-expanded="false" aria-controls="{box}" '
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
