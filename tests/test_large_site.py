"""A large site, generated as the build benchmark generates it (benchmarks/corpus.py): the strict build
accepts it with every hook on, and on every page the menu reaches every section, unfolding only the
reader's own, on a phone as on a laptop. The real site's menu still lists all of its pages."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import LANGUAGES, ROOT, build, served, soup

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate  # noqa: E402

# Per language: the home page, the three pages with a role, and three sections of about twenty pages.
PAGES = 64


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("large") / "source", PAGES)


@pytest.fixture(scope="module")
def large_site(corpus, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("large-site")
    result = build(site, corpus / "mkdocs.yml")
    assert result.returncode == 0, f"strict build of the generated site failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="module")
def large_server(large_site):
    with served(large_site) as url:
        yield url


def test_every_generated_page_is_built(corpus, large_site):
    sources = _pages(corpus)
    assert sum(len(pages) for pages in sources.values()) == PAGES * len(LANGUAGES)
    for language, pages in sources.items():
        for url in pages:
            assert (large_site / url.lstrip("/") / "index.html").is_file(), f"{language}: {url} not built"


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_reaches_every_section_and_unfolds_only_the_readers(corpus, large_site, language):
    pages = _pages(corpus)[language]
    root = "/" + LANGUAGES[language]
    sections = {url.removeprefix(root).split("/")[0] for url in pages if url.removeprefix(root).count("/") == 2}
    assert len(sections) >= 3, sections
    top_level = {url for url in pages if url.removeprefix(root).count("/") <= 1} | {f"{root}{s}/" for s in sections}
    for url in pages:
        own = url.removeprefix(root).split("/")[0]
        own_pages = {other for other in pages if own in sections and other.startswith(f"{root}{own}/")}
        linked = _menu_links(large_site, url)
        assert top_level <= linked, f"{url}: the menu misses {sorted(top_level - linked)}"
        assert own_pages <= linked, f"{url}: the menu misses pages of its own section"
        assert linked <= top_level | own_pages, f"{url}: the menu unfolds other sections: {sorted(linked - top_level - own_pages)}"


def test_real_site_menu_lists_every_page(site):
    for folder in LANGUAGES.values():
        other_languages = {f.strip("/") for f in LANGUAGES.values() if f and f != folder}
        pages = {f"/{folder}"} | {f"/{folder}{path.parent.name}/" for path in (site / folder).glob("*/index.html")
                                  if path.parent.name not in other_languages}
        assert len(pages) >= 10
        for url in pages:
            assert _menu_links(site, url) == pages, f"{url}: the menu does not list every page of /{folder}"


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_reader_goes_from_one_section_to_another(browser, large_server, corpus, screen):
    pages = sorted(url for url in _pages(corpus)["en"] if url.count("/") == 4)  # /en/<section>/<page>/
    start = pages[0]
    other = next(url.split("/")[2] for url in pages if url.split("/")[2] != start.split("/")[2])
    viewport = {"width": 390, "height": 844} if screen == "phone" else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, is_mobile=screen == "phone", has_touch=screen == "phone")
    page = context.new_page()
    page.goto(large_server + start.lstrip("/"))
    menu = page.locator(".md-nav--primary")
    if screen == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()
        own_section = menu.locator("label.md-nav__title[for^='__nav_']")
        own_section.wait_for(state="visible")
        own_section.click()  # back from the reader's section to the list of sections
    link = menu.locator(f"a.md-nav__link[href$='{other}/']")
    link.wait_for(state="visible")
    link.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/en/{other}/"
    context.close()


# Every page of the generated site by language, as the URL it is served at ("/en/dos/apres-4/").
def _pages(corpus: Path) -> dict[str, set[str]]:
    pages = {}
    for language, folder in LANGUAGES.items():
        docs = corpus / "docs" / language
        pages[language] = {"/" + folder + _slug(path.relative_to(docs).with_suffix("").as_posix()) for path in docs.rglob("*.md")}
    return pages


def _slug(name: str) -> str:
    name = name.removesuffix("index")
    return name + "/" if name and not name.endswith("/") else name


# The pages the primary menu of a built page links to, as URLs (its table of contents left out).
def _menu_links(site: Path, url: str) -> set[str]:
    menu = soup(site / url.lstrip("/") / "index.html").select_one("nav.md-nav--primary")
    links = set()
    for link in menu.select("a.md-nav__link[href]"):
        if not link.find_parent(class_="md-nav--secondary"):
            links.add(urlsplit(urljoin(f"http://site{url}", link["href"])).path)
    return links
