"""The authors' preview (`make serve`, commands/preview.py): it never sticks. Warnings are shown on their pages,
a failed build shows an error page at every address until the file is fixed, and nothing of it reaches
`make site`. The live test runs the preview in a project copy, edits its files and reads the pages over HTTP."""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from preview_server import BANNER, preview  # noqa: F401 - the fixture
from preview_server import banner as _banner, get as _get, wait_for as _wait_for, words as _words

sys.path.insert(0, str(ROOT / "commands"))
sys.path.insert(0, str(ROOT / "hooks"))
from mkdocs.config import load_config  # noqa: E402
from lib.output_check import Site, html_problems  # noqa: E402
from preview import PREVIEW_FLAG, PageProblems, problems_banner  # noqa: E402
from lib.preview import preview_caches  # noqa: E402


def test_strict_build_shows_no_banner(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    assert [page for page in pages if BANNER in page.read_text(encoding="utf-8")] == []


def test_banner_is_escaped_and_passes_the_output_check() -> None:
    hostile = ['docs/en/faq.md: "quoted" <script>alert(1)</script> & <img src=x onerror=alert(1)>',
               "hooks/x: <a href='javascript:alert(1)'>link</a>\n<!-- multi\nline -->"]
    title = yaml.safe_load((ROOT / "data/strings/fr.yml").read_text(encoding="utf-8"))["site.preview.title"]
    banner = problems_banner(hostile, title)
    assert html_problems(f"<!doctype html><html lang=\"fr\"><body>{banner}</body></html>", "faq/index.html",
                         Site("mesotherapie.example", frozenset())) == []
    box = BeautifulSoup(banner, "html.parser")
    assert box.find_all(["script", "img", "a"]) == []
    assert [item.get_text() for item in box.find_all("li")] == hostile
    assert "Aperçu" in box.find(class_="admonition-title").get_text()


def test_each_problem_goes_to_the_pages_it_concerns() -> None:
    problems = PageProblems()
    logger = logging.getLogger("mkdocs.test-preview")
    logger.setLevel(logging.INFO)  # as the preview sets MkDocs' logger
    logger.addHandler(problems)
    try:
        behind = "hooks/translations: docs/en/faq.md: translation behind docs/fr/faq.md — update it"
        link = "Doc file 'fr/faq.md' contains a link 'methode.md#x', but the doc 'fr/methode.md' has no anchor '#x'."
        overdue = "hooks/front_matter: NOTICE: review overdue for 2 page(s): docs/fr/a.md (due 2025-01-01); docs/en/b.md"
        logger.warning(behind)
        logger.warning(link)
        logger.info(overdue)
        logger.warning("hooks/triage: data/triage/fr.yml: no emergency number")
        logger.info("Building documentation…")  # information, not a problem
        logger.error("docs/fr/c.md: front matter: not valid YAML")
    finally:
        logger.removeHandler(problems)
    assert problems.by_source == {"en/faq.md": [behind], "fr/faq.md": [link], "fr/a.md": [overdue],
                                  "en/b.md": [overdue], None: ["hooks/triage: data/triage/fr.yml: no emergency number"]}
    assert problems.errors == ["docs/fr/c.md: front matter: not valid YAML"]


def test_only_the_preview_skips_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PREVIEW_FLAG, str(tmp_path))
    assert preview_caches(load_config(str(ROOT / "mkdocs.yml"))) is None  # mkdocs.yml: strict
    assert preview_caches(load_config(str(ROOT / "mkdocs.yml"), strict=False)) == tmp_path
    monkeypatch.delenv(PREVIEW_FLAG)
    assert preview_caches(load_config(str(ROOT / "mkdocs.yml"), strict=False)) is None


def test_preview_never_sticks(preview) -> None:
    address, project, process, log = preview
    english, french = f"{address}en/faq/", f"{address}faq/"
    assert BANNER not in _get(english)[1]
    assert _get(f"{address}nginx.conf")[0] == 404  # a preview is no site to deploy (hooks/preview_build.py)

    # A French edit: served at once, and the English page, now behind its French source, says so.
    source = project / "docs/fr/faq.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nCette phrase témoin vient d'être ajoutée.\n", encoding="utf-8")
    _wait_for(lambda: "phrase témoin" in _words(_get(french)[1]), process, log)
    banner = _wait_for(lambda: _banner(_get(english)[1]), process, log)
    assert "translation behind" in banner and "docs/en/faq.md" in banner and "STAMP=faq" in banner
    assert _banner(_get(french)[1]) is None  # the French page itself is not behind anything

    # Invalid front matter: every page address serves the error page naming the file, with live reload.
    source.write_text(text.replace("title: ", "title: [unclosed ", 1), encoding="utf-8")
    status, page = _wait_for(lambda: (lambda got: got if got[0] == 500 else None)(_get(english)), process, log)
    error = BeautifulSoup(page, "html.parser").find(class_="preview-error").get_text()
    assert "docs/fr/faq.md" in error and "front matter" in error
    assert "/livereload/" in page
    assert _get(f"{address}methode/")[0] == 500

    # Fixed: the pages come back by themselves, and the server has run throughout.
    source.write_text(text, encoding="utf-8")
    _wait_for(lambda: (lambda got: got[0] == 200 and BANNER not in got[1])(_get(english)), process, log)
    assert _get(french)[0] == 200
    assert process.poll() is None


def test_a_save_renders_again_only_the_pages_it_touches(preview) -> None:
    address, project, process, log = preview
    source = project / "docs/en/methode.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nThis witness sentence was just added.\n", encoding="utf-8")
    _wait_for(lambda: "witness sentence" in _words(_get(f"{address}en/methode/")[1]), process, log)
    # The English page and its French original (whose key holds every language's file), read and written again;
    # every other page of both languages from the page cache (commands/page_cache.py).
    rebuilds = _wait_for(lambda: _page_steps(log.read_text(encoding="utf-8"))[1:], process, log)  # after the first
    pages = 2 * len(list((project / "docs/fr").glob("*.md")))
    assert rebuilds[0] == (4, 2 * pages - 4)
    assert _get(f"{address}methode/")[0] == 200


# Each build's count of page steps run and answered from the cache, as the preview logs them.
def _page_steps(log: str) -> list[tuple[int, int]]:
    return [(int(run), int(reused))
            for run, reused in re.findall(r"Page steps run: (\d+); unchanged, from the cache: (\d+)", log)]


def test_the_output_check_holds_in_the_preview(preview) -> None:
    address, project, process, log = preview
    footer = project / "overrides/partials/footer.html"
    text = footer.read_text(encoding="utf-8")
    # A template is not Markdown: only the check of the built pages can refuse what it writes into every page.
    footer.write_text(text.replace('<footer class="md-footer">', '<footer class="md-footer" onclick="steal()">', 1),
                      encoding="utf-8")
    status, page = _wait_for(lambda: (lambda got: got if got[0] == 500 else None)(_get(f"{address}faq/")), process, log)
    assert "onclick" in BeautifulSoup(page, "html.parser").find(class_="preview-error").get_text()
    footer.write_text(text, encoding="utf-8")
    _wait_for(lambda: _get(f"{address}faq/")[0] == 200, process, log)
    assert "steal()" not in _get(f"{address}en/faq/")[1]
