"""Time from a keystroke in the search box to its results on screen, in a phone-sized Chromium (390×844, the
processor slowed down 4 times as Lighthouse's mobile tests do), for this site and for a generated site of
1000 pages per language (benchmarks/corpus.py), with words spelled right, misspelled and meaningless.

Every query is typed letter by letter, as a reader types it, into a freshly loaded page, three times. For
each query the table gives the time from its last keystroke to the next frame drawn after the results
changed, and the time of its slowest keystroke, each the median of the three visits. "open" is the time from the tap on the search button to the search being ready
(index downloaded, read and prepared).

    python benchmarks/search_speed.py [--pages 1000] [--extra-words 30000]   (or: make search-speed)

--extra-words adds that many made-up words to the generated site's index as one more page: the generated
pages repeat a few hundred words, where a real site of that size uses tens of thousands, and approximate
matching compares a misspelled word with every word of the pages.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from compressing_server import serve
from corpus import generate
from results import markdown_table, text_table, write

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
SLOWDOWN = 4  # Lighthouse's mobile processor slowdown
RUNS = 3
TYPING_DELAY_MS = 120  # between keystrokes: a quick typist on a phone
# (site, language) → queries: spelled as the pages spell them, misspelled, and a word no page comes near.
QUERIES = {
    ("site", "fr"): ["arthrose du genou", "bleu après piqûre", "infiltrasion", "anesthesik", "xqzvbt"],
    ("site", "en"): ["knee arthritis", "bruises after injections", "osteoarthritus", "itchyness", "xqzvbt"],
    ("corpus", "fr"): ["douleur du genou", "profondeur des injections", "epaulle", "infiltrasion", "xqzvbt"],
    ("corpus", "en"): ["knee pain", "how deep the injections go", "sholder", "anklle", "xqzvbt"],
}
# Records, in the page, each keystroke's time and when the next frame after a change of the results is drawn.
PROBE = """() => {
  const keys = window.searchKeys = [];
  window.searchReady = 0;
  document.addEventListener("keydown", (event) => keys.push({ key: event.timeStamp, shown: 0 }), true);
  const results = document.querySelector(".md-search-result");
  // The results of every keystroke waiting for them (several, when the search is slower than the typing).
  new MutationObserver(() => {
    const waiting = keys.filter((key) => !key.changed);
    for (const key of waiting) key.changed = true;
    requestAnimationFrame(() => {
      window.searchReady ||= performance.now();
      for (const key of waiting) key.shown = performance.now();
    });
  }).observe(results, { childList: true, subtree: true, characterData: true });
}"""


# Both sites built, then searched in Chromium.
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per language of the generated site")
    parser.add_argument("--extra-words", type=int, default=30_000, help="made-up words added to the generated site's index")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-speed-") as work:
        work = Path(work)
        sites = {"site": _build(ROOT, work / "site")}
        print(f"generating and building {arguments.pages} pages per language …", flush=True)
        corpus = generate(work / "corpus", arguments.pages)
        sites["corpus"] = _build(corpus, work / "corpus-site")
        for language in ("fr", "en"):
            _add_words(sites["corpus"] / ("" if language == "fr" else "en") / "search" / "index.json", arguments.extra_words)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            rows = []
            for (name, language), queries in QUERIES.items():
                server, base = serve(sites[name])
                rows += _measure(browser, base + ("" if language == "fr" else "en/"), name, language, queries)
                server.shutdown()
            browser.close()
    _report(rows, {"site": "this site", "corpus": f"{arguments.pages} pages/lang + {arguments.extra_words:,} words"})


# Each query's timings, printed and written to benchmarks/results/search-speed.md; label: each site's name.
def _report(rows: list[tuple], label: dict[str, str]) -> None:
    setting = (f"Chromium {PHONE['width']}×{PHONE['height']}, processor ÷{SLOWDOWN}, median of {RUNS} visits; "
               "worst: the query's slowest keystroke")
    table = (["site", "lang", "query", "last key", "worst"],
             [[label[name], language, query, f"{last:.0f}", "" if worst is None else f"{worst:.0f}"]
              for name, language, query, last, worst in rows])
    print(f"\nkeystroke to results on screen, ms ({setting})\n{text_table(*table)}")
    path = write("search-speed", "Search speed", "make search-speed", __file__, chromium=CHROMIUM,
                 body=f"Time from a keystroke to its results on screen, in ms ({setting}). \"(open the search)\" is "
                      f"the time from the tap on the search button to the search being ready.\n\n{markdown_table(*table)}")
    print(f"\nfigures written to {path}")


# A strict build of the project (or of a generated site) into site_dir.
def _build(project: Path, site_dir: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "--site-dir", str(site_dir)],
                   check=True, cwd=project, env=env)
    return site_dir


# One more page in the index, holding made-up words of 4 to 12 letters, as many distinct words as asked.
def _add_words(index_path: Path, count: int) -> None:
    if not count:
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    rng = random.Random(index["lang"])
    syllables = [consonant + vowel for consonant in "bcdfglmnprstv" for vowel in ("a", "e", "i", "o", "u", "ou", "é")]
    made_up: set[str] = set()
    while len(made_up) < count:
        made_up.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 5))))
    index["pages"].append({"title": "Lexique", "url": "lexique/", "keywords": [],
                           "sections": [{"title": "Lexique", "anchor": "", "text": " ".join(sorted(made_up))}]})
    index_path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


# Each query typed into a fresh visit, RUNS times: (site, language, query, median last keystroke, worst keystroke).
def _measure(browser, page_url: str, name: str, language: str, queries: list[str]) -> list[tuple]:
    timings: dict[str, list[tuple[float, float]]] = {query: [] for query in queries}
    opening = []
    for _ in range(RUNS):
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
        page.goto(page_url, wait_until="networkidle")
        page.evaluate(PROBE)
        opened = page.evaluate("performance.now()")
        page.locator("label.md-header__button[for='__search']").tap()
        page.wait_for_function("window.searchReady > 0")  # the search's first results (none yet) are drawn
        opening.append(page.evaluate("window.searchReady") - opened)
        field = page.locator("input.md-search__input")
        for query in queries:
            field.fill("")
            page.evaluate("new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)))")
            page.evaluate("window.searchKeys.length = 0")
            field.press_sequentially(query, delay=TYPING_DELAY_MS)
            page.wait_for_function("window.searchKeys.length && window.searchKeys.every((key) => key.shown > 0)", timeout=120_000)
            latencies = [key["shown"] - key["key"] for key in page.evaluate("window.searchKeys")]
            timings[query].append((latencies[-1], max(latencies)))
        context.close()
    rows = [(name, language, "(open the search)", statistics.median(opening), None)]
    for query, runs in timings.items():
        rows.append((name, language, query, statistics.median(last for last, _ in runs), statistics.median(worst for _, worst in runs)))
    return rows


if __name__ == "__main__":
    main()
