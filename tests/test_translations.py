"""Translations: a missing page stops the build, a pending one shows the other language under a notice,
a translation behind its French page and a paragraph in the wrong language are reported, and
`make translations` shows and stamps each page's state. Real builds of a copy of the project."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from clinic_builds import output, project_copy
from conftest import ROOT, build, soup

FRENCH_LINE = "Cette définition est restée en français par erreur, elle explique comment la peau réagit après les piqûres."
ENGLISH_LINE = "This sentence was left in English by mistake, and it tells the reader how the session goes."


def _copy(destination: Path) -> Path:
    """A copy of the project whose .venv is the real one, so that `make` finds the installed packages."""
    project_copy(destination)
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


@pytest.fixture
def project(tmp_path) -> Path:
    return _copy(tmp_path / "project")


def _build(project: Path, site: Path, strict: bool = True) -> tuple[int, str]:
    """Build the copy; returns the exit code and everything MkDocs printed."""
    if strict:
        result = build(site, project / "mkdocs.yml")
    else:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(site)],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        )
    return result.returncode, output(result)


def _make_translations(project: Path, stamp: str | None = None) -> subprocess.CompletedProcess:
    """`make translations [STAMP=…]` in the copy (-o: never reinstall packages into the shared .venv)."""
    command = ["make", "-s", "-o", ".venv/.installed-build", "translations"] + ([f"STAMP={stamp}"] if stamp else [])
    return subprocess.run(command, cwd=project, capture_output=True, text=True)


def _table(output: str) -> dict[str, list[str]]:
    """The status table as {page: [French, English, state]}, after checking its header."""
    lines = [line for line in output.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == ["page"])
    assert re.split(r"\s{2,}", lines[start]) == ["page", "French", "English", "state"]
    return {cells[0]: cells[1:] for cells in (re.split(r"\s{2,}", line) for line in lines[start + 1:])}


def _make_pending(path: Path) -> None:
    """Turn a page into a stand-in: same front matter plus `translation: pending`, a body never shown."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    front_matter = "\n".join(line for line in text[:end].splitlines() if not line.startswith("translation_of:"))
    path.write_text(f"{front_matter}\ntranslation: pending\n---\n\nA draft that readers must not see.\n", encoding="utf-8")


def _insert(path: Path, after_line: int, paragraph: str) -> int:
    """Insert a paragraph after the given line (between two blank lines); returns its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[after_line - 1] == "", "insert after a blank line"
    lines[after_line:after_line] = [paragraph, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return after_line + 1


def _body_line(path: Path) -> int:
    """The number of the first blank line after the front matter and the page's title."""
    lines = path.read_text(encoding="utf-8").split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    return title + 2


def _search_urls(site: Path, folder: str) -> set[str]:
    return {page["url"] for page in json.loads((site / folder / "search" / "index.json").read_text(encoding="utf-8"))["pages"]}


def test_missing_translation_stops_the_build_naming_the_file(project, tmp_path):
    (project / "docs/en/histoire.md").unlink()
    code, output = _build(project, tmp_path / "site")
    assert code != 0
    assert "docs/en/histoire.md is missing" in output
    assert "translation: pending" in output, "the message says how to publish the page untranslated"
    assert "Traceback" not in output
    assert not (tmp_path / "site/en/histoire").exists()


@pytest.fixture(scope="module")
def pending_site(tmp_path_factory) -> Path:
    """The site built with the English history page and the French FAQ pending."""
    project = _copy(tmp_path_factory.mktemp("pending") / "project")
    _make_pending(project / "docs/en/histoire.md")
    _make_pending(project / "docs/fr/faq.md")
    site = project.parent / "site"
    code, output = _build(project, site)
    assert code == 0, output
    return site


# reader's language, page, the language of the text shown, notice, the page in its own language
PENDING = [
    ("en", "en/histoire/", "fr", "This page is not yet translated.", "histoire/"),
    ("fr", "faq/", "en", "Cette page n'est pas encore traduite.", "en/faq/"),
]


@pytest.mark.parametrize("reader,url,shown,notice,original", PENDING)
def test_pending_page_shows_the_other_language_under_a_notice(pending_site, reader, url, shown, notice, original):
    html = soup(pending_site / url / "index.html")
    assert html.html["lang"] == reader
    box = html.select_one("article .site-untranslated")
    assert box.get_text(" ", strip=True).startswith(notice)
    assert box["lang"] == reader
    text = html.select_one(f'article [lang="{shown}"]')
    assert text is not None and not text.select(".site-untranslated"), "the notice stays outside the other language's text"
    original_html = soup(pending_site / original / "index.html")
    # French text gets its no-break spaces on French pages only (hooks/typography.py): compare the words.
    assert _words(text.select_one("h1")) == _words(original_html.select_one("article h1"))
    sections = html.select(".md-sidebar--secondary a.md-nav__link")
    assert len(sections) > 3 and all(text.select_one(link["href"]) for link in sections), "its sections are the other text's"
    assert [_words(link) for link in sections] == [
        _words(link) for link in original_html.select(".md-sidebar--secondary a.md-nav__link")]
    assert "A draft that readers must not see." not in html.get_text()
    headings = html.select(".md-sidebar--secondary .md-nav__link .md-ellipsis")
    assert headings and all(h.select_one(f'span[lang="{shown}"]') for h in headings), "the contents list is marked too"


def _words(element) -> str:
    """An element's text, its white space (no-break spaces included) as single spaces."""
    return re.sub(r"\s+", " ", element.get_text()).strip()


@pytest.mark.parametrize("reader,url,shown,notice,original", PENDING)
def test_pending_page_is_kept_out_of_search_engines_and_alternates(pending_site, reader, url, shown, notice, original):
    pending = soup(pending_site / url / "index.html").head
    assert pending.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not pending.select('link[rel="alternate"][hreflang]')
    written = soup(pending_site / original / "index.html").head
    assert {link["hreflang"] for link in written.select('link[rel="alternate"][hreflang]')} <= {shown, "x-default"}
    assert not written.select_one('meta[name="robots"]')


@pytest.mark.parametrize("reader,url,shown,notice,original", PENDING)
def test_pending_page_is_left_out_of_its_languages_search(pending_site, reader, url, shown, notice, original):
    folder = "en" if reader == "en" else ""
    slug = url.removeprefix("en/")
    urls = _search_urls(pending_site, folder)
    assert slug not in urls and "glossaire/" in urls
    assert slug in _search_urls(pending_site, "en" if shown == "en" else ""), "the original stays in its own search"


@pytest.mark.parametrize("reader,url,shown,notice,original", PENDING)
def test_pending_notice_is_visible_at_the_top_on_a_phone(pending_site, phone, reader, url, shown, notice, original):
    page = phone.new_page()
    page.goto((pending_site / url / "index.html").as_uri())
    box = page.locator(".site-untranslated")
    expect(box).to_be_visible()
    top = box.bounding_box()
    heading = page.locator("article h1").bounding_box()
    assert 0 < top["y"] and top["y"] + top["height"] <= heading["y"] < page.viewport_size["height"]
    assert box.evaluate("node => node.closest('[lang]').lang") == reader
    assert page.locator("article h1").evaluate("node => node.closest('[lang]').lang") == shown


def test_translation_behind_its_french_page_is_a_warning(project, tmp_path):
    french = project / "docs/fr/methode.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase ajoutée au texte français.\n", encoding="utf-8")
    english = project / "docs/en/faq.md"
    english.write_text(re.sub(r"^translation_of:.*\n", "", english.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    expected = [
        "docs/en/methode.md: translation behind docs/fr/methode.md",
        "make translations STAMP=methode",
        "docs/en/faq.md: does not say which version of docs/fr/faq.md it translates",
        "make translations STAMP=faq",
    ]
    code, output = _build(project, tmp_path / "strict")
    assert code != 0 and all(text in output for text in expected), output
    code, output = _build(project, tmp_path / "lenient", strict=False)
    assert code == 0 and all(text in output for text in expected), output
    assert output.count("WARNING") == 2, output
    assert (tmp_path / "lenient/en/methode/index.html").exists()


def test_paragraph_in_the_wrong_language_is_a_warning_with_file_and_line(project, tmp_path):
    english_page, french_page = project / "docs/en/glossaire.md", project / "docs/fr/index.md"
    french_in_english = _insert(english_page, _body_line(english_page), FRENCH_LINE)
    english_in_french = _insert(french_page, _body_line(french_page), ENGLISH_LINE)
    # A French quotation marked with its language is the writer's choice, not a mistake.
    marked = _insert(english_page, french_in_english + 1,
                     'One site says <span lang="fr">la mésothérapie soigne la douleur par de petites piqûres dans la peau</span>.')
    code, output = _build(project, tmp_path / "site", strict=False)
    assert code == 0, output
    assert f"docs/en/glossaire.md:{french_in_english}: this paragraph reads as French, not English" in output
    assert f"docs/fr/index.md:{english_in_french}: this paragraph reads as English, not French" in output
    assert f"docs/en/glossaire.md:{marked}:" not in output
    assert output.count("this paragraph reads as") == 2, output


def test_real_pages_are_up_to_date_and_in_their_language(tmp_path):
    code, output = _build(ROOT, tmp_path / "site", strict=False)
    assert code == 0, output
    assert "hooks/translations" not in output, "no translation behind, no paragraph in the wrong language"
    status = subprocess.run([sys.executable, "commands/translation_status.py"], cwd=ROOT, capture_output=True, text=True)
    table = _table(status.stdout)
    assert table and all(state == "up to date" and french == english for french, english, state in table.values())


def test_make_translations_shows_every_state(project):
    _make_pending(project / "docs/en/histoire.md")
    (project / "docs/en/faq.md").unlink()
    french = project / "docs/fr/methode.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase ajoutée au texte français.\n", encoding="utf-8")
    result = _make_translations(project)
    assert result.returncode == 0, result.stderr
    table = _table(result.stdout)
    assert table["index"][2] == "up to date" and table["index"][0] == table["index"][1]
    assert table["methode"][2] == "behind" and table["methode"][0] != table["methode"][1]
    assert table["histoire"][1:] == ["pending", "pending"]
    assert table["faq"][1:] == ["missing", "missing"]
    assert len(table) == len(list((project / "docs/fr").glob("*.md")))


def test_stamp_records_the_current_french_version(project, tmp_path):
    french, english = project / "docs/fr/methode.md", project / "docs/en/methode.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase ajoutée au texte français.\n", encoding="utf-8")
    before = english.read_text(encoding="utf-8").splitlines()
    faq = project / "docs/en/faq.md"
    faq_before = faq.read_text(encoding="utf-8")
    faq.write_text(re.sub(r"^translation_of:.*\n", "", faq_before, flags=re.M), encoding="utf-8")

    result = _make_translations(project, stamp="methode faq")
    assert result.returncode == 0, result.stderr
    assert "Stamped docs/en/methode.md" in result.stdout and "Stamped docs/en/faq.md" in result.stdout
    table = _table(result.stdout)
    assert table["methode"][2] == "up to date" and table["faq"][2] == "up to date"
    after = english.read_text(encoding="utf-8").splitlines()
    changed = [new for old, new in zip(before, after) if old != new]
    assert len(before) == len(after) and changed == [f'translation_of: "{table["methode"][0]}"']
    assert faq.read_text(encoding="utf-8") == faq_before, "a missing stamp is written back at the end of the front matter"
    code, output = _build(project, tmp_path / "site")
    assert code == 0, output


@pytest.mark.parametrize("page,expected", [("histoire", "histoire: the translation is pending"), ("nowhere", "nowhere: no such page")])
def test_stamp_refuses_what_cannot_be_stamped(project, page, expected):
    _make_pending(project / "docs/en/histoire.md")
    before = (project / "docs/en/histoire.md").read_text(encoding="utf-8")
    result = _make_translations(project, stamp=page)
    assert result.returncode != 0
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert (project / "docs/en/histoire.md").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("path,line,expected", [
    ("docs/en/histoire.md", "translation: done", "docs/en/histoire.md: translation: the only value is pending"),
    ("docs/en/histoire.md", "translation_of: 12345678", "docs/en/histoire.md: translation_of: must be the 8-character version"),
    ("docs/fr/histoire.md", 'translation_of: "12345678"', "docs/fr/histoire.md: translation_of: this page is the original"),
])
def test_wrong_translation_front_matter_is_a_clear_error(project, tmp_path, path, line, expected):
    page = project / path
    text = re.sub(r"^translation_of:.*\n", "", page.read_text(encoding="utf-8"), flags=re.M)
    page.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), encoding="utf-8")
    code, output = _build(project, tmp_path / "site")
    assert code != 0 and expected in output and "Traceback" not in output
