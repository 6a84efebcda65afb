"""French typography at build time (hooks/typography.py): no-break spaces before ; ! ? and :, inside « », and
between a number and its unit, in the text of French pages only — never in markup, code, addresses or English."""
from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup, Comment

from conftest import LANGUAGES, ROOT, SLUGS, page_path

sys.path.insert(0, str(ROOT / "hooks"))
from typography import french_spacing, on_post_page, spaced  # noqa: E402 - the hook itself

NARROW, NO_BREAK = "\u202f", "\u00a0"
# Elements whose text the hook leaves as written.
LEFT_ALONE = ["code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"]


@pytest.mark.parametrize("written,expected", [
    ("Est-ce que ça marche ?", f"Est-ce que ça marche{NARROW}?"),  # a normal space becomes a narrow no-break one
    ("Vraiment?", f"Vraiment{NARROW}?"),
    ("Attention !", f"Attention{NARROW}!"),
    ("la fièvre ; le pus", f"la fièvre{NARROW}; le pus"),
    ("Urgent : appelez", f"Urgent{NO_BREAK}: appelez"),
    ("Urgent: appelez", f"Urgent{NO_BREAK}: appelez"),
    ("Note :\nsuite", f"Note{NO_BREAK}:\nsuite"),
    ("« sans risque »", f"«{NO_BREAK}sans risque{NO_BREAK}»"),
    ("«sans risque»", f"«{NO_BREAK}sans risque{NO_BREAK}»"),
    ("pendant 48 h, 4 mm, 0,1 ml, 13 mm, 10 %", f"pendant 48{NO_BREAK}h, 4{NO_BREAK}mm, 0,1{NO_BREAK}ml, "
                                                 f"13{NO_BREAK}mm, 10{NO_BREAK}%"),
    ("trois ?! et (vraiment ?)", f"trois{NARROW}?! et (vraiment{NARROW}?)"),
    ("deux  espaces  ?", f"deux  espaces{NARROW}?"),
])
def test_each_rule(written, expected):
    assert spaced(written) == expected
    assert spaced(expected) == expected, "a second run changes nothing"


@pytest.mark.parametrize("written", [
    "http://exemple.fr/page?q=1 et https://exemple.fr/a:b", "www.exemple.fr/?x=1", "mailto:a@b.fr",
    "à 9:00 ou 14h30", "un rapport de 4.5:1 ou 4,5:1", "Super ;) et :-) et :D", "les 3 mois, 2 mains, 15 jours",
    "quatre…?", "?!", "Ratio:1",
])
def test_left_as_written(written):
    assert spaced(written) == written


def test_only_text_outside_code_and_other_languages_is_changed():
    html = ('<!doctype html><html lang="fr"><head><title>Ça fait mal ?</title>'
            '<script>if (a ? b : c) { x = "« y »"; }</script><style>a:hover { color: red; }</style></head>'
            '<body><p title="Une question ?" data-x="a : b">Quoi ? <code>a ; b</code> <kbd>Ctrl :</kbd>'
            '<a href="page/?q=1 ;">lien : ici</a> AT&amp;T ; &#171; cité &#187; <!-- note : ici -->'
            '<span lang="en">Why ? <span>nested ?</span> still English ?</span> Retour ?'
            '<pre><code>x = 4 mm ;</code></pre><img alt="4 mm ?"/><br/>Fin ?</p></body></html>')
    out = french_spacing(html)
    assert out == (
        f'<!doctype html><html lang="fr"><head><title>Ça fait mal{NARROW}?</title>'
        '<script>if (a ? b : c) { x = "« y »"; }</script><style>a:hover { color: red; }</style></head>'
        f'<body><p title="Une question ?" data-x="a : b">Quoi{NARROW}? <code>a ; b</code> <kbd>Ctrl :</kbd>'
        f'<a href="page/?q=1 ;">lien{NO_BREAK}: ici</a> AT&amp;T{NARROW}; «{NO_BREAK}cité{NO_BREAK}» <!-- note : ici -->'
        f'<span lang="en">Why ? <span>nested ?</span> still English ?</span> Retour{NARROW}?'
        f'<pre><code>x = 4 mm ;</code></pre><img alt="4 mm ?"/><br/>Fin{NARROW}?</p></body></html>')
    assert french_spacing(out) == out
    untouched = "<p>Rien à changer, &#39;vraiment&#39; &amp; rien.</p>"
    assert french_spacing(untouched) is untouched, "a page without anything to change is returned as it was"


def test_only_french_pages_are_changed():
    html = "<p>Does it hurt ? Call 15 : now</p>"
    page = SimpleNamespace()
    for language, expected in [("en", html), ("fr", f"<p>Does it hurt{NARROW}? Call 15{NO_BREAK}: now</p>")]:
        assert on_post_page(html, page, SimpleNamespace(theme={"language": language})) == expected


def _text_nodes(path, left_alone: bool = False):
    """The page's text nodes outside (or, with left_alone, inside) code and scripts, and outside passages marked
    as another language than the page's."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    language = page.html["lang"]
    for node in page.find_all(string=True):
        if isinstance(node, Comment) or node.parent.name in ("[document]",):
            continue
        inside = any(parent.name in LEFT_ALONE for parent in node.parents)
        other = any(parent.get("lang") not in (None, language) for parent in node.parents if parent.name != "[document]")
        if inside == left_alone and not other:
            yield str(node)


def test_built_french_pages_follow_each_rule_and_english_pages_none(site):
    french = "".join(text for slug in SLUGS for text in _text_nodes(page_path(site, "fr", slug)))
    # Nothing left to do, and each rule at work somewhere in the French site.
    assert not re.search(r" [;!?:»]|« ", french)
    assert not re.search(r"\d (?:h|mm|ml|%)(?!\w)", french)
    for done in [f"{NARROW}?", f"{NARROW};", f"{NO_BREAK}:", f"«{NO_BREAK}", f"{NO_BREAK}»", f"{NO_BREAK}mm", "0,1\u00a0ml"]:
        assert done in french, done
    for slug in SLUGS:
        english = page_path(site, "en", slug).read_text(encoding="utf-8")
        assert NARROW not in english, slug
        assert not re.search(f"{NO_BREAK}[:»]|«{NO_BREAK}|\\d{NO_BREAK}(?:h|mm|ml|%)", english), slug


# Attributes holding interface text that the search script shows as it is: written with their no-break
# spaces in overrides/partials/site-strings.html, since the build never sees that text on a page.
WRITTEN_WITH_SPACES = {"data-correction"}


def test_built_french_pages_keep_markup_and_code_as_written(site):
    for slug in SLUGS:
        path = page_path(site, "fr", slug)
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                if name in WRITTEN_WITH_SPACES:
                    continue
                values = value if isinstance(value, list) else [value]
                assert not any(NARROW in v for v in values), (slug, name)
        assert not any(NARROW in text for text in _text_nodes(path, left_alone=True)), slug
        assert not any(re.search(r"https?:\S*[\u00a0\u202f]", text) for text in _text_nodes(path)), slug
