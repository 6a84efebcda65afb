"""Printing a content page (Chromium's PDF) gives its text, title, address, review dates and sources,
and none of the screen's chrome: header, menu, table of contents, search, language offer or footer."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader

from conftest import soup
from site_pages import built_pages

# What the screen shows around the page's own text, and what paper must not show.
CHROME = [".md-skip", ".md-header", ".md-sidebar", ".md-search", ".site-offer", ".md-footer"]
# Shorter bits of chrome ("Menu", "15") may well be words of the text itself.
SHORTEST_CHROME_TEXT = 5


def test_printed_content_pages_keep_the_text_and_drop_the_chrome(site, server, browser):
    content_pages = [path for path in built_pages(site) if _html(site, path).select_one("article .site-review")]
    assert content_pages, "no page with review dates: the print test has nothing to check"
    context = browser.new_context()
    page = context.new_page()
    problems = []
    try:
        for path in content_pages:
            page.goto(server + path)
            printed = _squeeze("".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages))
            missing, shown = _expected_and_chrome(_html(site, path))
            problems += [f"/{path}: the printout lacks the {what}: {text!r}" for what, text in missing if _squeeze(text) not in printed]
            problems += [f"/{path}: the printout shows screen chrome: {text!r}" for text in shown if _squeeze(text) in printed]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _expected_and_chrome(html) -> tuple[list[tuple[str, str]], list[str]]:
    """What the printout must contain (with what it is), and the chrome's texts that it must not."""
    chrome = html.select(", ".join(CHROME))
    chrome_lines = {line.strip() for node in chrome for line in node.get_text("\n").splitlines()}
    for node in chrome:
        node.decompose()
    article = html.select_one("article")
    for node in article.select("button, .headerlink, [hidden]"):
        node.decompose()  # what does nothing on paper, or is not shown at all
    expected = [("title", article.h1.get_text(" ", strip=True)),
                ("address", html.select_one('link[rel="canonical"]')["href"])]
    expected += [("heading", heading.get_text(" ", strip=True)) for heading in article.select("h2")]
    expected += [("text", paragraph.get_text(" ", strip=True)) for paragraph in article.find_all("p", recursive=False)[:1]]
    expected += [("review date", time.get_text(" ", strip=True)) for time in article.select(".site-review time")]
    expected += [("source", source.get_text(" ", strip=True)) for source in article.select(".site-sources li")]
    # Chrome words that the page's own text also has cannot tell chrome from text: left out.
    own_text = _squeeze(html.body.get_text(" "))
    shown = sorted(line for line in chrome_lines if len(line) >= SHORTEST_CHROME_TEXT and _squeeze(line) not in own_text)
    return expected, shown


def _html(site, path: str):
    return soup(site / path / "index.html" if not path.endswith(".html") else site / path)


def _squeeze(text: str) -> str:
    """Text without its white space, so that the printout's line breaks do not matter."""
    return re.sub(r"\s+", "", text)
