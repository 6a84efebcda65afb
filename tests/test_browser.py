"""A patient on a 390x844 phone: switch language, search, reach the history page, in each language."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import LANGUAGES

HISTORY_TITLE = {"fr": "Histoire", "en": "History"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_lands_on_the_same_page(server, phone, language):
    other = "en" if language == "fr" else "fr"
    page = phone.new_page()
    page.goto(server + LANGUAGES[language])
    assert page.evaluate("document.documentElement.lang") == language
    switch = page.locator(".md-header a[data-site-language]")
    expect(switch).to_be_visible()
    switch.click()
    page.wait_for_load_state()
    assert page.url == server + LANGUAGES[other]
    assert page.evaluate("document.documentElement.lang") == other
    # Deeper page: the switch keeps the reader on the same page.
    page.goto(server + LANGUAGES[language] + "effets-indesirables/")
    page.locator(".md-header a[data-site-language]").click()
    page.wait_for_load_state()
    assert page.url == server + LANGUAGES[other] + "effets-indesirables/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_for_pistor_reaches_the_history_page(server, phone, language):
    page = phone.new_page()
    page.goto(server + LANGUAGES[language], wait_until="networkidle")  # the search index is loaded
    search_button = page.locator("label.md-header__button[for='__search']")
    expect(search_button).to_be_visible()  # search is reachable on a phone
    search_button.click()
    page.locator("input.md-search__input").press_sequentially("Pistor", delay=30)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for()
    assert urlsplit(first.get_attribute("href")).path == "/" + LANGUAGES[language] + "histoire/"
    first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + LANGUAGES[language] + "histoire/"
    assert HISTORY_TITLE[language] in page.locator("article h1").inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_navigation_is_reachable_on_a_phone(server, phone, language):
    page = phone.new_page()
    page.goto(server + LANGUAGES[language])
    menu = page.locator("label.md-header__button[for='__drawer']")
    expect(menu).to_be_visible()
    menu.click()
    link = page.locator(".md-nav--primary a.md-nav__link[href$='faq/']").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_load_state()
    assert page.url == server + LANGUAGES[language] + "faq/"
