"""Every page the build produced, whatever it is, and Chromium at the two screen sizes the quality
gates check (a phone and a laptop), one browser context per size shared by a test module."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import PHONE

# Reduced motion: menus and search open at once (the site honours it), so checks need not wait.
SCREENS = {
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True, "reduced_motion": "reduce"},
    "desktop": {"viewport": {"width": 1280, "height": 900}, "reduced_motion": "reduce"},
}


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as the path the server answers it on ("" for the home page)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html") if path.name == "index.html" else relative)
    assert pages, f"no HTML page in {site}"
    return pages


class Screen(NamedTuple):
    name: str  # a key of SCREENS
    page: object  # a Playwright page


@pytest.fixture(scope="module", params=list(SCREENS))
def screen(request, browser) -> Screen:
    """One browser tab at a phone's or a laptop's size, reused by every test of the module."""
    context = browser.new_context(**SCREENS[request.param])
    yield Screen(request.param, context.new_page())
    context.close()
