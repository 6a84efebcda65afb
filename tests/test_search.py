"""Patients' searches, typed into the real search box in Chromium: the right page comes in the first
three results, and every result is in the reader's language."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES

# (what a patient types, the page that answers it)
QUERIES = {
    "fr": [
        ("Pistor", "histoire/"),
        ("inventeur de la mésothérapie", "histoire/"),
        ("mesotherapie", "index"),
        ("hematome", "effets-indesirables/"),
        ("bleu après piqûre", "effets-indesirables/"),
        ("anesthesique", "effets-indesirables/"),
        ("tendinite", "indications/"),
        ("mal de dos", "indications/"),
        ("arthrose du genou", "indications/"),
        ("sciatique", "indications/"),
        ("enceinte", "contre-indications/"),
        ("allergie", "contre-indications/"),
        ("anticoagulants", "contre-indications/"),
        ("cortisone", "methode/"),
        ("profondeur des injections", "methode/"),
        ("combien de séances", "methode/"),
        ("remboursé par la sécu", "methode/"),
        ("piscine", "apres-seance/"),
        ("soleil après la séance", "apres-seance/"),
        ("démangeaisons", "effets-indesirables/"),
        ("la douleur revient", "effets-indesirables/"),
        ("est-ce que ça fait mal", "faq/"),
        ("dopage", "contre-indications/"),
        ("infiltration", "faq/"),
        ("effets secondaires", "effets-indesirables/"),
    ],
    "en": [
        ("Pistor", "histoire/"),
        ("who invented mesotherapy", "histoire/"),
        ("mesotherapy", "index"),
        ("hematoma", "effets-indesirables/"),
        ("bruise", "effets-indesirables/"),
        ("bruises after injections", "effets-indesirables/"),
        ("anesthetic", "effets-indesirables/"),
        ("tendonitis", "indications/"),
        ("back pain", "indications/"),
        ("knee arthritis", "indications/"),
        ("sciatica", "indications/"),
        ("pregnant", "contre-indications/"),
        ("allergic", "contre-indications/"),
        ("blood thinners", "contre-indications/"),
        ("steroids", "methode/"),
        ("cortisone", "methode/"),
        ("how deep are the needles", "methode/"),
        ("how many sessions", "methode/"),
        ("is it covered by insurance", "methode/"),
        ("swimming pool", "apres-seance/"),
        ("sun after session", "apres-seance/"),
        ("itching", "effets-indesirables/"),
        ("pain comes back", "effets-indesirables/"),
        ("does it hurt", "faq/"),
        ("doping athletes", "contre-indications/"),
    ],
}


def _results(page, text: str) -> list[str]:
    field = page.locator("input.md-search__input")
    field.fill("")
    field.press_sequentially(text, delay=10)
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    page.wait_for_timeout(50)
    return [urlsplit(href).path for href in
            page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_patient_queries_find_the_right_page_in_the_reader_language(server, phone, language):
    assert len(QUERIES[language]) >= 20
    page = phone.new_page()
    page.goto(server + LANGUAGES[language] + "faq/", wait_until="networkidle")
    page.locator("label.md-header__button[for='__search']").click()
    misses = []
    root = "/" + LANGUAGES[language]
    for text, expected in QUERIES[language]:
        results = _results(page, text)
        target = root if expected == "index" else root + expected
        other_language = [path for path in results if (path.startswith("/en/") != (language == "en"))]
        assert not other_language, f"{text!r}: results in the other language {other_language}"
        if target not in results[:3]:
            misses.append(f"{text!r}: expected {target} in the first three, got {results[:3]}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_index_holds_only_the_reader_language(site, language):
    import json

    index = json.loads((site / LANGUAGES[language] / "search" / "index.json").read_text(encoding="utf-8"))
    assert index["lang"] == language
    assert index["pages"] and all(not page["url"].startswith(("en/", "fr/")) for page in index["pages"])
    titles = {page["title"] for page in index["pages"]}
    assert ("Histoire de la mésothérapie" in titles) == (language == "fr")
