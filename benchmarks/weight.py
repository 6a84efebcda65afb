"""Bytes a reader downloads, compressed as served: a first visit to an article page, then a second page
in the same visit, then opening the search there and typing a word (this site loads the search code and
index only then), for this site and for stock Material + static-i18n built from the same Markdown.

Usage: python benchmarks/weight.py   (or: make weight)"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import sync_playwright

from compressing_server import serve
from results import markdown_table, text_table, write

ROOT = Path(__file__).resolve().parent.parent
FIRST, NEXT = "methode/", "effets-indesirables/"
SEARCHED = "arthrose"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGETS = {"first visit": 50_000, "next page": 10_000}


# Both sites built, served and visited in Chromium.
def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sites = {"ours": _build(ROOT / "mkdocs.yml", work / "ours"), "stock": _build(_stock_config(work), work / "stock")}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            results = {name: _visit(browser, site) for name, site in sites.items()}
            browser.close()
    _report(results)


# Every resource of every visit, then the totals, printed; the totals written to benchmarks/results/weight.md.
def _report(results: dict[str, dict[str, list[tuple[str, str, int]]]]) -> None:
    for name, visits in results.items():
        for visit, resources in visits.items():
            print(f"\n{name} — {visit} ({_what(visit)})")
            for url, kind, size in resources:
                print(f"  {size:>8,d} B  {kind:<11} {url}")
            print(f"  {sum(size for *_, size in resources):>8,d} B  total")
    summary = _summary(results)
    print(f"\nsummary (bytes transferred, compressed)\n{text_table(*summary)}")
    path = write("weight", "Page weight", "make weight", __file__, chromium=CHROMIUM, body="\n\n".join([
        f"Bytes transferred, compressed as served, in Chromium: a first visit to `/{FIRST}`, the next page "
        f"`/{NEXT}`, then searching {SEARCHED!r} there; this site beside stock Material + static-i18n built "
        "from the same Markdown.", markdown_table(*summary),
        "Where the first visit goes (this site):", markdown_table(*_resources(results["ours"]["first visit"]))]))
    print(f"\nfigures written to {path}")


# Each visit's total for both sites, with the ratio, the target and its verdict.
def _summary(results: dict) -> tuple[list[str], list[list[str]]]:
    rows = []
    for visit in (*TARGETS, "search"):
        ours, stock = (sum(size for *_, size in results[name][visit]) for name in ("ours", "stock"))
        if visit in TARGETS:
            rows.append([visit, f"{ours:,d}", f"{stock:,d}", f"{ours / stock:.2f}", f"≤ {TARGETS[visit]:,d}",
                         "ok" if ours <= TARGETS[visit] else "OVER"])
        else:
            rows.append([visit, f"{ours:,d}", f"{stock:,d}", "", "", "(stock loaded its search on the first visit)"])
    return ["visit", "this site", "stock", "ratio", "target", "verdict"], rows


# One visit's resources, largest first.
def _resources(resources: list[tuple[str, str, int]]) -> tuple[list[str], list[list[str]]]:
    rows = [[f"`{url}`", kind, f"{size:,d}"] for url, kind, size in sorted(resources, key=lambda item: -item[2])]
    return ["resource", "kind", "bytes"], rows


# A strict build of one configuration into site_dir.
def _build(config: Path, site_dir: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
                   check=True, cwd=ROOT, env=env)
    return site_dir


# Stock Material + static-i18n (benchmarks/stock.yml) pointed at this site's Markdown.
def _stock_config(work: Path) -> Path:
    config = yaml.safe_load((Path(__file__).parent / "stock.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    # The practice pages need this site's own templates; stock Material has none for them.
    clinic_pages = [path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")
                    if "\nkind: clinic" in path.read_text(encoding="utf-8")]
    config["exclude_docs"] = "\n".join(clinic_pages)
    path = work / "stock.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


# Every response of a first visit and of the next page, with its transferred size.
def _visit(browser, site: Path) -> dict[str, list[tuple[str, str, int]]]:
    server, base = serve(site)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    visits = {}
    for visit in ("first visit", "next page", "search"):
        resources = []

        def record(request, resources=resources):
            response = request.response()
            size = request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"] if response else 0
            resources.append((_short(request.url, base), request.resource_type, size))

        def blocked(request, resources=resources):
            resources.append((_short(request.url, base), "blocked", 0))

        page.on("requestfinished", record)
        page.on("requestfailed", blocked)
        if visit == "search":
            page.locator("label.md-header__button[for='__search']").tap()
            page.locator("input.md-search__input").press_sequentially(SEARCHED)
            page.locator(".md-search-result__item").first.wait_for()
            page.wait_for_load_state("networkidle")
        else:
            page.goto(base + (FIRST if visit == "first visit" else NEXT), wait_until="networkidle")
        page.remove_listener("requestfinished", record)
        page.remove_listener("requestfailed", blocked)
        visits[visit] = resources
    context.close()
    server.shutdown()
    return visits


def _what(visit: str) -> str:
    return {"first visit": FIRST, "next page": NEXT, "search": f"{NEXT}, searching {SEARCHED!r}"}[visit]


def _short(url: str, base: str) -> str:
    return url.removeprefix(base) if url.startswith(base) else f"[other host] {urlsplit(url).netloc}{urlsplit(url).path}"


if __name__ == "__main__":
    main()
