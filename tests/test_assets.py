"""What the browser downloads: one stylesheet holding only the rules the pages use, and assets named
after their content (so a server can cache them for a long time)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material

from conftest import soup

FINGERPRINTED = re.compile(r"assets/(stylesheets|javascripts)/(site|search)\.([0-9a-f]{8})\.(css|js)$")
MATERIAL_CSS = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))


def _stylesheet(site: Path) -> Path:
    return next((site / "assets/stylesheets").glob("site.*.css"))


def test_every_page_loads_one_fingerprinted_stylesheet_and_script(site):
    for page in site.rglob("*.html"):
        html = soup(page)
        links = html.select('link[rel="stylesheet"]')
        scripts = html.select("script[src]")
        assert len(links) == 1 and len(scripts) == 1, page
        for url in (links[0]["href"], scripts[0]["src"], html.select_one("[data-search-script]")["data-search-script"]):
            match = FINGERPRINTED.search(url)
            assert match, f"{page}: {url}"
            target = site / url.lstrip("/") if url.startswith("/") else (page.parent / url).resolve()
            assert hashlib.sha256(target.read_bytes()).hexdigest()[:8] == match.group(3), url


def test_material_files_no_page_loads_are_not_published(site):
    assert not list(site.glob("assets/javascripts/bundle.*"))
    assert not (site / "assets/javascripts/workers").exists()
    assert not list(site.glob("assets/stylesheets/main.*"))


def test_stylesheet_keeps_material_rules_for_every_class_the_pages_use(site):
    used = set()
    for page in site.rglob("*.html"):
        for node in soup(page).select("[class]"):
            used.update(node["class"])
    styled_by_material = {name for name in used if re.search(rf"\.{re.escape(name)}(?![\w-])", MATERIAL_CSS.read_text())}
    ours = _stylesheet(site).read_text(encoding="utf-8")
    missing = [name for name in styled_by_material if not re.search(rf"\.{re.escape(name)}(?![\w-])", ours)]
    assert styled_by_material and not missing, missing


def test_stylesheet_drops_rules_for_unused_parts_of_material(site):
    ours = _stylesheet(site).read_text(encoding="utf-8")
    assert len(ours) < len(MATERIAL_CSS.read_text()) * 0.8
    for unused in (".md-tabs__link", ".md-annotation", ".md-post__meta", ".md-version__link"):
        assert unused not in ours
