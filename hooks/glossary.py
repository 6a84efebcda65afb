"""Glossary terms in place: the first time a page uses a term of its language's glossary, the reader can
open its definition right there (a button next to the term) and follow the term to the glossary entry."""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from page_roles import GLOSSARY, is_clinic, is_page

# The definition button's accessible name, before the term.
DEFINITION = {"fr": "Définition : ", "en": "Definition: "}
# HTML written back as Python-Markdown wrote it: only &, < and > escaped, void elements without "/".
HTML = HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix="",
                     empty_attributes_are_booleans=True)
# Elements whose text reads as one block, able to hold a definition at their end.
BLOCKS = ["p", "li", "dt", "dd", "td", "th", "figcaption"]
# Where a term is left as written: headings, links, code, and controls.
UNMARKED = ["h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "summary", "code", "pre", "kbd", "samp",
            "script", "style", "abbr", "dfn"]


class Term(NamedTuple):
    """One glossary entry: its anchor on the glossary page, its heading, the names it goes by, its definition."""

    anchor: str
    heading: str
    names: list[str]
    definition: str


_glossaries: dict[str, tuple[list[Term], re.Pattern | None]] = {}


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
        _glossaries[language] = _read(glossary.content)
    terms, names = _glossaries[language]
    if names:
        page.content = _mark(page.content, terms, names, get_relative_url(glossary.url, page.url), DEFINITION[language])
    return context



# The glossary page of this language's navigation: looked up once per build, not once per page (which
# would make the build time grow with the square of the number of pages).
@functools.lru_cache(maxsize=1)
def _glossary_page(nav: Navigation) -> Page | None:
    return next((p for p in nav.pages if is_page(p, GLOSSARY)), None)


# The glossary's entries (each `## Term (other name, …) {#anchor}` and the paragraphs after it), and one
# pattern that finds any of their names, the longest first, each group named after its entry's index.
def _read(html: str) -> tuple[list[Term], re.Pattern | None]:
    soup = BeautifulSoup(html, "html.parser")
    terms = []
    for heading in soup.find_all("h2", id=True):
        title = " ".join(_text(heading).split())
        definition = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            definition.append(" ".join(sibling.get_text().split()))
        main, _, others = title.partition(" (")
        names = [main] + [name.strip() for name in others.rstrip(")").split(",") if name.strip()]
        terms.append(Term(heading["id"], title, names, " ".join(definition)))
    patterns = sorted(((len(name), f"(?P<t{index}_{n}>{_pattern(name)})")
                       for index, term in enumerate(terms) for n, name in enumerate(term.names)), reverse=True)
    if not patterns:
        return terms, None
    return terms, re.compile(r"(?<![\w-])(?:" + "|".join(p for _, p in patterns) + r")(?![\w-])")


# A name as it may appear in a sentence: any case and plural for words, exact case for acronyms (HAS, AMM).
def _pattern(name: str) -> str:
    if name.isupper():
        return re.escape(name)
    words = []
    for word in name.split():
        if word.endswith("al"):
            words.append(re.escape(word[:-2]) + "(?:al|aux|als)")
        elif word.endswith("y"):
            words.append(re.escape(word[:-1]) + "(?:y|ies)")
        else:
            words.append(re.escape(word) + "(?:s|x|es)?")
    return "(?i:" + r"\s+".join(words) + ")"


# The page's HTML with each term's first use linked to its entry and followed by its definition button; the
# definition itself goes at the end of the paragraph (or list item, cell), so that once opened it shows
# below the sentence instead of cutting it in two.
def _mark(html: str, terms: list[Term], names: re.Pattern, glossary_url: str, label: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    done: set[str] = set()
    for node in list(soup.descendants):
        if isinstance(node, Tag) and node.name == "a":
            # A link the author wrote to a glossary entry counts as the term's first use: it gets the button.
            path, _, anchor = (node.get("href") or "").partition("#")
            term = next((t for t in terms if t.anchor == anchor), None)
            if path == glossary_url and term and term.anchor not in done and not node.find_parent(UNMARKED):
                done.add(term.anchor)
                button, definition = _definition(soup, term, label)
                node.insert_after(button)
                _block(node).append(definition)
        elif type(node) is NavigableString and not node.find_parent(UNMARKED):
            pieces, definitions, start = [], [], 0
            for match in names.finditer(node):
                term = terms[int(match.lastgroup[1:].partition("_")[0])]
                if term.anchor in done:
                    continue
                done.add(term.anchor)
                link = soup.new_tag("a", attrs={"href": f"{glossary_url}#{term.anchor}", "class": "site-term"})
                link.string = match.group()
                button, definition = _definition(soup, term, label)
                pieces += [node[start:match.start()], link, button]
                definitions.append(definition)
                start = match.end()
            if pieces:
                block = _block(node)
                node.replace_with(*pieces, node[start:])
                block.extend(definitions)
    return soup.decode(formatter=HTML)


# The paragraph, list item or cell holding a node: where its definitions go.
def _block(node: Tag | NavigableString) -> Tag:
    return node.find_parent(BLOCKS) or node.parent


# The button that shows or hides the definition (site.js), and the definition, hidden until asked for.
def _definition(soup: BeautifulSoup, term: Term, label: str) -> tuple[Tag, Tag]:
    box = f"site-term-{term.anchor}"
    button = soup.new_tag("button", attrs={"type": "button", "class": "site-term__button", "aria-expanded": "false",
                                           "aria-controls": box, "aria-label": label + term.heading})
    mark = soup.new_tag("span", attrs={"aria-hidden": "true"})
    mark.string = "?"
    button.append(mark)
    definition = soup.new_tag("span", attrs={"class": "site-term__definition", "id": box, "hidden": ""})
    name = soup.new_tag("strong")
    name.string = term.heading
    definition.extend([name, " " + term.definition])
    return button, definition


# A heading's text without its permalink symbol.
def _text(heading: Tag) -> str:
    return "".join(s for s in heading.find_all(string=True) if not s.find_parent("a", class_="headerlink"))
