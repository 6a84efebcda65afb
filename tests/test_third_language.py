"""A third language by configuration: Spanish under /es/, every page awaiting its translation, then one page written."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from clinic_builds import build_for, output, project_copy

SPANISH = """        - locale: es
          name: Español
          build: true
          site_name: Mesoterapia – información para pacientes
          site_description: Información clara y equilibrada sobre la mesoterapia contra el dolor.
"""
NOTICE = "Esta página aún no está traducida."
# A written Spanish page (its front matter is the French page's, with its own title and description).
SPANISH_HISTORY = """title: Historia de la mesoterapia
description: Cómo nació la mesoterapia en Francia en 1952 y cómo se practica hoy, explicado para los pacientes.
"""
SPANISH_HISTORY_TEXT = """
# Historia de la mesoterapia

El médico francés Michel Pistor describió la técnica en 1952. Usaba pequeñas inyecciones en la piel, cerca de la
zona que duele.

## Hoy {#aujourd-hui}

Hoy la practican médicos formados para ello. Pregunte a su médico si es una opción para usted.
"""


def _add_spanish(config: Path, strings: bool = True) -> None:
    """Spanish in mkdocs.yml, its pages as stand-ins made from the French ones, its triage and its strings."""
    project = config.parent
    text = config.read_text(encoding="utf-8")
    anchor = "          site_description: Clear, balanced information about mesotherapy for pain.\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + SPANISH), encoding="utf-8")
    for french in (project / "docs/fr").rglob("*.md"):
        spanish = project / "docs/es" / french.relative_to(project / "docs/fr")
        spanish.parent.mkdir(parents=True, exist_ok=True)
        source = french.read_text(encoding="utf-8")
        front_matter = source[:source.index("\n---\n", 4)]
        spanish.write_text(f"{front_matter}\ntranslation: pending\n---\n\nBorrador que nadie debe ver.\n", encoding="utf-8")
    shutil.copy(project / "data/triage/fr.yml", project / "data/triage/es.yml")
    # One source without its English summary: English pages show the French one.
    sources = yaml.safe_load((project / "data/sources.yml").read_text(encoding="utf-8"))
    del sources["mansour"]["en"]
    (project / "data/sources.yml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if strings:
        # The English strings, marked, stand in for a Spanish translation; the notice is real Spanish.
        english = yaml.safe_load((project / "data/strings/en.yml").read_text(encoding="utf-8"))
        spanish_strings = {key: f"[es] {value}" for key, value in english.items()}
        spanish_strings.update({"site.untranslated": NOTICE, "site.untranslated.fr": "Mientras tanto, aquí está su texto en francés.",
                                "site.source_language.en": "(en inglés)"})
        (project / "data/strings/es.yml").write_text(yaml.safe_dump(spanish_strings, allow_unicode=True), encoding="utf-8")


class _Page(HTMLParser):
    """What the test reads of a built page: the html lang, the robots meta, the hreflang links, the notice, the text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang, self.robots, self.notice_lang, self.hreflang, self.notice, self.text = None, None, None, {}, [], []
        self._in_notice = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "meta" and attributes.get("name") == "robots":
            self.robots = attributes.get("content")
        elif tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.hreflang[attributes["hreflang"]] = attributes["href"]
        elif tag == "p" and "site-untranslated" in (attributes.get("class") or ""):
            self._in_notice = 1
            self.notice_lang = attributes.get("lang")
        elif self._in_notice:
            self._in_notice += 1
        if tag == "div" and attributes.get("lang") == "fr":
            self.text.append("<fr>")

    def handle_endtag(self, tag: str) -> None:
        if self._in_notice:
            self._in_notice -= 1

    def handle_data(self, data: str) -> None:
        if self._in_notice:
            self.notice.append(data)
        self.text.append(data)


def _page(site: Path, url: str) -> _Page:
    return _Page((site / url / "index.html").read_text(encoding="utf-8"))


def _words(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("spanish")
    config = project_copy(folder / "project")
    _add_spanish(config)
    site = folder / "site"
    result = build_for(site, config=config)
    assert result.returncode == 0, output(result)
    return site


def test_spanish_pages_show_the_french_text_under_the_notice(spanish_site):
    page = _page(spanish_site, "es/histoire")
    assert page.lang == "es"
    assert page.notice_lang == "es"
    assert _words(page.notice).startswith(NOTICE)
    text = _words(page.text)
    assert "<fr>" in text, "the French text is marked with its language"
    assert "Pistor" in text.split("<fr>", 1)[1]
    assert "Borrador" not in text
    assert page.robots == "noindex"


def test_spanish_pages_are_out_of_hreflang_and_the_sitemap(spanish_site):
    french = _page(spanish_site, "histoire")
    assert set(french.hreflang) == {"fr", "en", "x-default"}
    spanish = _page(spanish_site, "es/histoire")
    assert "es" not in spanish.hreflang
    sitemap = (spanish_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/es/" not in sitemap
    assert "https://mesotherapie.example/en/histoire/" in sitemap


def test_spanish_404_and_search(spanish_site):
    not_found = _Page((spanish_site / "es/404.html").read_text(encoding="utf-8"))
    assert not_found.lang == "es"
    assert "[es] Page not found" in _words(not_found.text)
    assert "Page introuvable" in _words(_Page((spanish_site / "404.html").read_text(encoding="utf-8")).text)
    index = json.loads((spanish_site / "es/search/index.json").read_text(encoding="utf-8"))
    assert index["lang"] == "es"
    assert index["pages"] == [], "pending pages are left out of their language's search"
    french = json.loads((spanish_site / "search/index.json").read_text(encoding="utf-8"))
    assert len(french["pages"]) >= 10


class _Blocks(HTMLParser):
    """The headings and paragraphs of a page, in order, with their attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.blocks: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("h4", "p"):
            self.blocks.append((tag, dict(attrs)))


def test_a_source_without_a_summary_in_a_language_shows_the_default_languages_marked(spanish_site):
    blocks = _Blocks((spanish_site / "en/sources/index.html").read_text(encoding="utf-8")).blocks
    start = blocks.index(("h4", {"id": "mansour", "lang": "fr"}))
    assert blocks[start + 1] == ("p", {}), "the author"
    assert blocks[start + 2] == ("p", {"lang": "fr"}), "the French summary, marked"
    following = blocks.index(("h4", {"id": "douleur-aigue-chronique", "lang": "fr"}))
    assert blocks[following + 2] == ("p", {}), "a source with its English summary"


def test_a_language_without_its_strings_stops_the_build(tmp_path):
    config = project_copy(tmp_path / "project")
    _add_spanish(config, strings=False)
    result = build_for(tmp_path / "site", config=config)
    assert result.returncode != 0
    assert "data/strings/es.yml: missing — copy data/strings/fr.yml to it" in output(result)
    assert "Traceback" not in output(result)
    english = yaml.safe_load((tmp_path / "project/data/strings/en.yml").read_text(encoding="utf-8"))
    (tmp_path / "project/data/strings/es.yml").write_text(
        yaml.safe_dump({key: value for key, value in english.items() if key not in ("site.menu", "clinic.fees")},
                       allow_unicode=True), encoding="utf-8")
    result = build_for(tmp_path / "site", config=config)
    assert result.returncode != 0
    message = output(result)
    assert "data/strings/es.yml: missing 3 string(s): site.menu, clinic.fees, site.source_language.en" in message
    assert "Traceback" not in message


@pytest.fixture(scope="module")
def spanish_history_site(tmp_path_factory) -> Path:
    """Spanish with its history page written (and stamped), the other pages pending."""
    folder = tmp_path_factory.mktemp("spanish-history")
    config = project_copy(folder / "project")
    _add_spanish(config)
    french = (config.parent / "docs/fr/histoire.md").read_text(encoding="utf-8")
    front_matter = [line for line in french[4:french.index("\n---\n", 4)].splitlines()
                    if not line.startswith(("title:", "description:"))]
    (config.parent / "docs/es/histoire.md").write_text(
        "---\n" + SPANISH_HISTORY + "\n".join(front_matter) + "\n---\n" + SPANISH_HISTORY_TEXT, encoding="utf-8")
    stamped = subprocess.run([sys.executable, "commands/translation_status.py", "--stamp", "histoire"], cwd=config.parent,
                             capture_output=True, text=True)
    assert stamped.returncode == 0, output(stamped)
    site = folder / "site"
    result = build_for(site, config=config)
    assert result.returncode == 0, output(result)
    assert "reads as" not in output(result), "no paragraph of the three languages' pages reads as another language"
    return site


def test_a_written_spanish_page_joins_hreflang_and_the_sitemap(spanish_history_site):
    spanish = _page(spanish_history_site, "es/histoire")
    assert spanish.lang == "es" and not spanish.notice and spanish.robots != "noindex"
    assert "Michel Pistor describió" in _words(spanish.text)
    expected = {"fr": "https://mesotherapie.example/histoire/", "en": "https://mesotherapie.example/en/histoire/",
                "es": "https://mesotherapie.example/es/histoire/", "x-default": "https://mesotherapie.example/histoire/"}
    assert spanish.hreflang == expected
    assert _page(spanish_history_site, "histoire").hreflang == expected
    assert "es" not in _page(spanish_history_site, "methode").hreflang
    sitemap = (spanish_history_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://mesotherapie.example/es/histoire/</loc>" in sitemap
    assert "/es/methode/" not in sitemap
    index = json.loads((spanish_history_site / "es/search/index.json").read_text(encoding="utf-8"))
    assert [page["url"] for page in index["pages"]] == ["histoire/"]
