"""No page writes an error to Chromium's console, fails to load a file or throws, even when the reader
searches on it (the search code and index load on first use, from every page's own address)."""
from __future__ import annotations

from site_pages import built_pages

# A word every language's index knows, so that results are drawn.
QUERY = "Pistor"


def test_no_console_error_on_any_page(site, server, phone):
    page = phone.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: console: {message.text}"))
    page.on("pageerror", lambda error: errors.append(f"{page.url}: uncaught: {error}"))
    page.on("requestfailed", lambda request: errors.append(f"{page.url}: {request.url} failed: {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and errors.append(f"{page.url}: {response.url} answered {response.status}"))
    for path in built_pages(site):
        page.goto(server + path)
        page.focus(".md-search__input")
        page.keyboard.type(QUERY)
        page.locator(".md-search-result__item").first.wait_for()
    assert not errors, "\n".join(errors)
