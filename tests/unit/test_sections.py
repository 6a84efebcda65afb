"""hooks/lib/page_sections.py: a page's HTML cut into sections at its headings, and into words and blocks."""
from __future__ import annotations

from lib.page_sections import BLOCK_BREAK, blocks, sections, words

PAGE = ('<p>Avant le titre.</p>'
        '<h1 id="titre">Le titre<a class="headerlink" href="#titre" title="Permanent link">¶</a></h1>'
        '<p>Premier &amp; <strong>seul</strong> paragraphe.</p>'
        '<h2 id="partie">Une partie</h2><ul><li>un</li><li>deux</li></ul>'
        '<h4 id="detail">Un détail</h4><p>sous le détail</p>'
        '<script>var page = "<h2 id=\\"faux\\">Faux</h2>";</script><!-- <h2>commentaire</h2> -->'
        '<h3>Sans ancre</h3><p>fin</p>')


def test_sections_are_cut_at_the_chosen_headings_with_their_anchors():
    assert sections(PAGE) == [
        {"level": 0, "anchor": "", "title": "", "text": "Avant le titre."},
        {"level": 1, "anchor": "titre", "title": "Le titre", "text": "Premier & seul paragraphe."},
        {"level": 2, "anchor": "partie", "title": "Une partie", "text": "un deux Un détail sous le détail"},
        {"level": 3, "anchor": "", "title": "Sans ancre", "text": "fin"},
    ]


def test_a_heading_left_out_of_the_cut_stays_in_its_sections_text():
    found = sections(PAGE, headings=("h2",))
    assert [section["title"] for section in found] == ["", "Une partie"]
    assert found[0]["text"] == "Avant le titre. Le titre Premier & seul paragraphe."


def test_no_text_before_the_first_heading_gives_no_untitled_section():
    assert sections('<h2 id="a">A</h2><p>texte</p>') == [{"level": 2, "anchor": "a", "title": "A", "text": "texte"}]


def test_scripts_comments_and_permalinks_are_not_read():
    text = " ".join(section["title"] + " " + section["text"] for section in sections(PAGE))
    assert "Faux" not in text and "commentaire" not in text and "¶" not in text


def test_inline_tags_join_their_words_and_block_tags_part_them():
    assert words("<p>mé<em>so</em>thérapie</p><p>suite</p>") == [BLOCK_BREAK, "mésothérapie", BLOCK_BREAK,
                                                                 "suite", BLOCK_BREAK]
    assert [block.strip() for block in blocks("<li>un deux</li><li>trois</li>") if block.strip()] == ["un deux", "trois"]


def test_entities_are_decoded_once():
    assert sections("<p>&amp;lt; &eacute;</p>")[0]["text"] == "&lt; é"
