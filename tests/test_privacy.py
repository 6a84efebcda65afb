"""The site asks nothing of any other host and sets no cookie."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES, SLUGS, page_path, soup

# Attributes through which a page makes the browser fetch something.
FETCHING = [("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
            ("source", "src"), ("source", "srcset"), ("video", "src"), ("audio", "src"), ("embed", "src"),
            ("object", "data"), ("input", "src")]
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_no_page_references_another_host(site):
    offenders = []
    for page in site.rglob("*.html"):
        html = soup(page)
        for tag, attribute in FETCHING:
            for node in html.find_all(tag, attrs={attribute: True}):
                if tag == "link" and not {"stylesheet", "icon", "preload", "prefetch", "modulepreload",
                                          "preconnect", "dns-prefetch", "manifest"} & set(node.get("rel", [])):
                    continue
                for url in node[attribute].split(","):
                    if _external(url.split()[0] if url.split() else ""):
                        offenders.append(f"{page.relative_to(site)}: <{tag} {attribute}={url.strip()}>")
        for style in html.find_all(style=True):
            offenders += [f"{page.relative_to(site)}: style url({u})" for u in CSS_URL.findall(style["style"]) if _external(u)]
    assert not offenders, "\n".join(offenders)


def test_no_stylesheet_or_script_references_another_host(site):
    offenders = []
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{css.relative_to(site)}: {u}" for u in CSS_URL.findall(text) + IMPORT.findall(text) if _external(u)]
    for js in site.rglob("*.js"):
        text = js.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{js.relative_to(site)}: {u}" for u in re.findall(r"https?://(?:fonts|www\.google|cdn)[\w./-]*", text)]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("language", LANGUAGES)
def test_browser_requests_stay_on_the_local_server(server, phone, language):
    """Open every page in Chromium, use search, and record every request the page makes."""
    local = urlsplit(server).netloc
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    page = phone.new_page()
    for slug in SLUGS:
        page.goto(server + LANGUAGES[language] + slug, wait_until="networkidle")
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("Pistor", delay=30)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if urlsplit(url).netloc != local and not url.startswith("data:")]
    assert len(requests) > len(SLUGS)
    assert not foreign, foreign
    assert phone.cookies() == []
    assert page.evaluate("document.cookie") == ""
