"""Linking the two languages: hreflang and canonical links, the sitemap, one 404 page per language,
the switch keeping the section, and the offer of the reader's preferred language."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import LANGUAGES, SLUGS, page_path, soup



@pytest.fixture(scope="module")
def site_url(site) -> str:
    """The site's public address, as the home page's canonical link gives it."""
    url = soup(page_path(site, "fr", "")).select_one('link[rel="canonical"]')["href"]
    assert url.startswith(("https://", "http://")) and url.endswith("/")
    return url


def _url(site_url: str, language: str, slug: str) -> str:
    return site_url + LANGUAGES[language] + slug


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", SLUGS)
def test_head_has_absolute_alternates_and_canonical(site, site_url, language, slug):
    head = soup(page_path(site, language, slug)).head
    alternates = {link["hreflang"]: link["href"] for link in head.select('link[rel="alternate"][hreflang]')}
    french, english = _url(site_url, "fr", slug), _url(site_url, "en", slug)
    assert alternates == {"fr": french, "en": english, "x-default": french}
    assert head.select_one('link[rel="canonical"]')["href"] == _url(site_url, language, slug)


def test_sitemap_lists_both_languages_with_alternates(site, site_url):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", namespaces)
    entries = {url.find("s:loc", namespaces).text: {link.get("hreflang"): link.get("href")
                                                   for link in url.findall("x:link", namespaces)} for url in urls}
    for slug in SLUGS:
        for language in LANGUAGES:
            french, english = _url(site_url, "fr", slug), _url(site_url, "en", slug)
            assert entries[_url(site_url, language, slug)] == {"fr": french, "en": english, "x-default": french}


@pytest.mark.parametrize("language,path,title", [("fr", "404.html", "Page introuvable"), ("en", "en/404.html", "Page not found")])
def test_each_language_has_its_own_404_page(site, language, path, title):
    html = soup(site / path)
    assert html.html["lang"] == language
    assert html.select_one("article h1").get_text(strip=True) == title
    home = html.select_one("article a[href]")["href"]
    assert urlsplit(home).path == "/" + LANGUAGES[language]
    assert html.select_one("article a[data-site-open-search]")
    # The language link leads to the other language's home page, not to a page left over from its build.
    other = next(code for code in LANGUAGES if code != language)
    assert html.select_one("a.site-language__link")["href"] == "/" + LANGUAGES[other]


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_page_search_link_opens_the_search_box(server, phone, language):
    page = phone.new_page()
    page.goto(server + LANGUAGES[language] + "404.html")
    page.locator("article a[data-site-open-search]").click()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    expect(page.locator("input.md-search__input")).to_be_visible()


def test_language_switch_keeps_the_section(server, phone):
    page = phone.new_page()
    page.goto(server + "histoire/#devise")
    page.locator(".md-header a[data-site-language]").click()
    page.wait_for_load_state()
    assert page.url == server + "en/histoire/#devise"
    page.locator(".md-header a[data-site-language]").click()
    page.wait_for_load_state()
    assert page.url == server + "histoire/#devise"


def test_reader_preferring_english_is_offered_the_english_page(browser, server):
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "methode/")
    offer = page.locator("[data-site-offer]")
    expect(offer).to_be_visible()
    assert offer.get_attribute("lang") == "en"
    link = offer.locator("a")
    assert "English" in link.inner_text() and urlsplit(link.evaluate("a => a.href")).path == "/en/methode/"
    assert page.url == server + "methode/", "no automatic redirect"
    offer.locator("button").click()
    expect(offer).to_be_hidden()
    page.reload()
    page.wait_for_load_state()
    expect(page.locator("[data-site-offer]")).to_be_hidden()  # the choice is remembered
    assert context.cookies() == []
    context.close()


def test_reader_preferring_french_sees_no_offer_on_french_pages(browser, server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "methode/")
    expect(page.locator("[data-site-offer]")).to_be_hidden()
    page.goto(server + "en/methode/")
    expect(page.locator("[data-site-offer]")).to_be_visible()
    assert page.locator("[data-site-offer]").get_attribute("lang") == "fr"
    context.close()
