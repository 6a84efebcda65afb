"""hooks/glossary.py: the first use of each glossary term in a page linked to its entry, with its definition
button; headings, links and code left as written."""
from __future__ import annotations

import re

import pytest

from glossary import _mark, _read

GLOSSARY_URL = "../glossaire/"
GLOSSARY_PAGE = ('<h1 id="glossaire">Glossaire</h1>'
                 '<h2 id="derme">Derme (dermis)<a class="headerlink" href="#derme" title="Permanent link">¶</a></h2>'
                 '<p>La couche de la peau sous l’épiderme.</p>'
                 '<h2 id="hematome">Hématome</h2><p>Un <em>bleu</em>.</p>'
                 '<h2 id="amm">AMM</h2><p>Autorisation de mise sur le marché.</p>'
                 '<h2 id="cheval">Cheval</h2><p>Un animal.</p>')


@pytest.fixture(scope="module")
def glossary():
    return _read(GLOSSARY_PAGE, "Définition : ")


def mark(html: str, glossary) -> str:
    return _mark(html, glossary, GLOSSARY_URL)


def linked(html: str) -> list[tuple[str, str]]:
    """The (anchor, text) of each term the marker linked."""
    return re.findall(r'<a href="\.\./glossaire/#([^"]+)" class="site-term">([^<]*)</a>', html)


def test_entries_are_read_with_their_names_and_definitions(glossary):
    derme = glossary.terms[0]
    assert [term.anchor for term in glossary.terms] == ["derme", "hematome", "amm", "cheval"]
    assert derme.names == ["Derme", "dermis"] and derme.heading == "Derme (dermis)"
    assert derme.definition == "La couche de la peau sous l’épiderme."
    assert glossary.terms[1].definition == "Un bleu."
    assert 'aria-label="Définition : Derme (dermis)"' in derme.button


def test_a_page_without_entries_gives_no_glossary():
    assert _read("<h2>Sans ancre</h2><p>texte</p>", "Définition : ") is None


def test_only_the_first_use_of_a_term_is_marked_with_its_button_and_definition(glossary):
    html = mark("<p>Le derme, puis le derme.</p><p>Encore le derme.</p>", glossary)
    assert linked(html) == [("derme", "derme")]
    assert html.count('aria-controls="site-term-derme"') == 1
    # The definition waits for the end of the paragraph, hidden.
    first = html.split("</p>")[0]
    assert first.endswith('<span class="site-term__definition" id="site-term-derme" hidden>'
                          '<strong>Derme (dermis)</strong> La couche de la peau sous l’épiderme.</span>')
    assert html.endswith("<p>Encore le derme.</p>")


def test_headings_links_and_code_are_left_as_written(glossary):
    page = ('<h2 id="a">Le derme</h2><p><a href="/ailleurs/">derme</a> <code>derme</code></p>'
            '<pre><code>derme</code></pre><p>enfin le derme</p>')
    html = mark(page, glossary)
    assert html.startswith('<h2 id="a">Le derme</h2><p><a href="/ailleurs/">derme</a> <code>derme</code></p>'
                           '<pre><code>derme</code></pre><p>enfin le ')
    assert linked(html) == [("derme", "derme")]


def test_keys_and_sample_output_are_left_as_written(glossary):
    page = "<p>Tapez <kbd><kbd>derme</kbd></kbd> ou lisez <samp>derme</samp>.</p>"
    assert mark(page, glossary) == page


def test_words_in_inline_markup_are_marked(glossary):
    assert linked(mark("<p><strong>hématome</strong></p>", glossary)) == [("hematome", "hématome")]


@pytest.mark.parametrize("text, expected", [
    ("HÉMATOME", [("hematome", "HÉMATOME")]),      # any case, accented capitals too
    ("hématomes", [("hematome", "hématomes")]),    # plural
    ("chevaux", [("cheval", "chevaux")]),          # -al, -aux
    ("dermis", [("derme", "dermis")]),             # another name of the entry
    ("hematome", []),                              # accents are not dropped
    ("préhématome", []),                           # whole words only
    ("Amm", []),                                   # an acronym keeps its case
    ("AMM", [("amm", "AMM")]),
])
def test_case_plural_accents_and_acronyms(glossary, text, expected):
    assert linked(mark(f"<p>{text}</p>", glossary)) == expected


def test_an_authors_link_to_the_entry_counts_as_the_first_use(glossary):
    html = mark(f'<p>Voir <a href="{GLOSSARY_URL}#hematome">le bleu</a>, un hématome.</p>', glossary)
    assert linked(html) == []
    assert f'<a href="{GLOSSARY_URL}#hematome">le bleu</a><button type="button" class="site-term__button"' in html
    assert html.count('aria-controls="site-term-hematome"') == 1


def test_the_rest_of_the_page_is_kept_byte_for_byte(glossary):
    page = '<p class="x">Rien &amp; <br>ici</p>\n<div><p>Un <span>texte</span></p></div>'
    assert mark(page, glossary) == page


def test_a_term_inside_an_attribute_is_not_marked(glossary):
    page = '<p><img alt="derme" src="derme.png"> texte</p>'
    assert mark(page, glossary) == page


def test_an_unclosed_element_takes_its_definition_at_the_end_of_the_page(glossary):
    html = mark("<div><p>derme", glossary)
    assert linked(html) == [("derme", "derme")]
    assert html.endswith('<strong>Derme (dermis)</strong> La couche de la peau sous l’épiderme.</span>')
