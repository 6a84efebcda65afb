"""The benchmarks write their latest figures into benchmarks/results/<name>.md: tried here on made-up
figures (the benchmarks themselves take minutes), into a temporary folder."""
from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import build_time  # noqa: E402
import lighthouse  # noqa: E402
import preview_latency  # noqa: E402
import results  # noqa: E402
import search_speed  # noqa: E402
import weight  # noqa: E402


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(results, "FOLDER", tmp_path / "results")
    monkeypatch.setattr(results, "_chromium_version", lambda chromium: "Chromium 999.0.1")
    return tmp_path / "results"


def _rows(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("| ---")]


def test_a_run_replaces_the_file_whole_with_its_date_and_machine(folder):
    day = datetime.date(2026, 12, 3)
    results.write("demo", "Demo", "make demo", "demo.py", "old figures\n\n| a | b |", folder=folder, today=day)
    path = results.write("demo", "Demo", "make demo", "/x/demo.py", "new | figures", chromium="/usr/bin/chromium",
                         folder=folder, today=day)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Demo\n\nFigures of 3 December 2026, on a machine with ")
    assert f"{os.cpu_count()} cores, Python " in text and "Chromium 999.0.1" in text
    assert "`make demo` (`benchmarks/demo.py`)" in text
    assert "old figures" not in text and text.endswith("new | figures\n")
    assert sorted(item.name for item in folder.iterdir()) == ["demo.md"]  # no partial file left beside it


def test_tables_escape_bars_and_align_numbers():
    header, rows = ["page", "bytes"], [["a | b", "1,234"], ["c", "56"]]
    assert results.markdown_table(header, rows).splitlines() == [
        "| page | bytes |", "| --- | ---: |", "| a \\| b | 1,234 |", "| c | 56 |"]
    assert results.text_table(header, rows).splitlines() == ["page   bytes", "a | b  1,234", "c         56"]


def test_build_time_writes_its_tables_and_targets(folder, capsys):
    def build(pages, name, cpu, hooks):
        seconds = {"hooks/search.py on_post_page": hooks / 2, "hooks/glossary.py on_env": hooks / 2} if hooks else {}
        return build_time.Build(pages, name, cpu * 1.01, cpu, 50 + pages / 10, pages / 10, hooks, seconds)
    builds = []
    for pages in (100, 500, 1000):
        builds += [build(pages, "ours", pages / 80, pages / 700), build(pages, "stock", pages / 20, None)]
    assert build_time._report(builds, [100, 500, 1000]) is False  # the hooks take more than a tenth
    rows = _rows((folder / "build-time.md").read_text(encoding="utf-8"))
    assert ["1000", "this site", "12.5", "12.6", "150", "100.0", "1.43 (11%)", "0.25 (0.25)", ""] in rows
    assert ["hooks/search.py on_post_page", "0.07", "0.36", "0.71", "2.00"] in rows
    assert ["1000 pages: ours / stock time", "0.25", "≤ 0.33", "met"] in rows
    assert ["1000 pages: hooks / our build time", "11.4%", "≤ 10%", "MISSED"] in rows
    assert "figures written to" in capsys.readouterr().out


def test_build_time_sets_ours_beside_hugo_and_says_which_builds_failed(folder, monkeypatch):
    monkeypatch.setattr(build_time, "package_version", lambda package: f"{package}-9.9")
    Build = build_time.Build
    builds = []
    for turn, (ours, hugo) in enumerate([(1.6, 0.8), (1.7, 0.4)]):
        run = [Build(100, "ours", ours * 1.1, ours, 61, 5.8, 0.1, {"hooks/search.py on_post_page": 0.1}),
               Build(100, "stock", 2.0, 1.8, 48, 13.9, None, {}),
               Build(100, "hugo", hugo / 2, hugo, 105, 4.2, None, {}),
               Build(100, "zensical", 0.2, 0.3, 20, 0, None, {}, "it exited with code 1; the last line of its output: "
                                                             "`Error: no | docs`")]
        builds += run if turn == 0 else run[::-1]
    build_time._report(builds, [100, 100])
    text = (folder / "build-time.md").read_text(encoding="utf-8")
    rows = _rows(text)
    assert ["100", "this site", "1.6", "1.8", "61", "5.8", "0.10 (6%)", "0.89 (0.88)", "2.00 (4.40)"] in rows
    assert ["100", "this site", "1.7", "1.9", "61", "5.8", "0.10 (6%)", "0.94 (0.94)", "4.25 (9.35)"] in rows
    assert rows.count(["100", "Hugo", "0.8", "0.4", "105", "4.2", "", "", ""]) == 1
    assert rows.count(["100", "Zensical", "failed", "", "", "", "", "", ""]) == 2
    assert ("- Zensical, 100 pages per language: it exited with code 1; the last line of its output: "
            "`Error: no | docs`") in text
    assert "**Hugo** hugo-9.9" in text and "**Zensical** zensical-9.9" in text and "CPU time" in text
    assert ["100 pages: ours / stock time", "0.92", "≤ 0.33", "MISSED"] in rows  # the targets: ours against stock only


def test_weight_writes_the_totals_and_the_first_visit(folder):
    visits = {"ours": {"first visit": [("methode/", "document", 8_700), ("assets/site.css", "stylesheet", 17_300)],
                       "next page": [("effets-indesirables/", "document", 7_107)],
                       "search": [("search/index.json", "fetch", 16_300)]},
              "stock": {"first visit": [("methode/", "document", 102_118)],
                        "next page": [("effets-indesirables/", "document", 6_870)], "search": []}}
    weight._report(visits)
    rows = _rows((folder / "weight.md").read_text(encoding="utf-8"))
    assert ["first visit", "26,000", "102,118", "0.25", "≤ 50,000", "ok"] in rows
    assert ["next page", "7,107", "6,870", "1.03", "≤ 10,000", "ok"] in rows
    assert rows.index(["`assets/site.css`", "stylesheet", "17,300"]) < rows.index(["`methode/`", "document", "8,700"])


def test_search_speed_writes_every_query(folder):
    search_speed._report([("site", "fr", "(open the search)", 412.4, None), ("corpus", "en", "sholder", 35.2, 217.0)],
                         {"site": "this site", "corpus": "1000 pages/lang + 30,000 words"})
    text = (folder / "search-speed.md").read_text(encoding="utf-8")
    assert "Chromium 999.0.1" in text and "processor ÷4" in text
    rows = _rows(text)
    assert ["this site", "fr", "(open the search)", "412", ""] in rows
    assert ["1000 pages/lang + 30,000 words", "en", "sholder", "35", "217"] in rows


def test_lighthouse_writes_the_scores_and_what_cost_points(folder):
    perfect = {"scores": dict.fromkeys(lighthouse.CATEGORIES, 100), "lost": []}
    slower = {"scores": {**perfect["scores"], "performance": 97}, "lost": ["largest-contentful-paint"]}
    lighthouse._report([("home", "fr", "/", perfect), ("FAQ", "en", "/en/faq/", slower),
                        ("glossary", "fr", "/glossaire/", {"error": "Chrome crashed"})], "Lighthouse 12.8.2, mobile defaults")
    text = (folder / "lighthouse.md").read_text(encoding="utf-8")
    assert ["home", "fr", "/", "100", "100", "100", "100"] in _rows(text)
    assert ["FAQ", "en", "/en/faq/", "97", "100", "100", "100"] in _rows(text)
    assert "Target: 100 in every category on every page: NOT met." in text
    assert "- below target: /en/faq/: largest-contentful-paint" in text
    assert "Lighthouse failed: Chrome crashed" in text


def test_preview_latency_writes_every_server_with_its_version_and_what_failed(folder, monkeypatch):
    monkeypatch.setattr(preview_latency, "package_version", lambda package: f"{package}-9.9")
    Measure = preview_latency.Measure
    preview_latency._report([Measure(0, "ours", 1.74, [1.36, 1.19, 1.37]), Measure(12, "stock", 0.8, [1.13]),
                             Measure(12, "hugo", 0.21, [0.47, 0.52, 0.52]),
                             Measure(1000, "zensical", None, [], "the server exited (code 1); the last line of its "
                                                                 "output: `Error: no | docs`")],
                            ["ours", "stock", "zensical", "hugo"])
    text = (folder / "preview-latency.md").read_text(encoding="utf-8")
    rows = _rows(text)
    assert ["12", "this site", "make serve (ours)", "1.7", "1.36", "1.36  1.19  1.37"] in rows
    assert ["12", "generated", "stock mkdocs serve", "0.8", "1.13", "1.13"] in rows
    assert ["12", "generated", "hugo server", "0.2", "0.52", "0.47  0.52  0.52"] in rows
    assert ["1000", "generated", "zensical serve", "failed", "—", "see below"] in rows
    assert "- zensical serve, 1000 pages/lang: the server exited (code 1); the last line of its output: `Error: no | docs`" in text
    for version in ("Zensical zensical-9.9", "Hugo hugo-9.9", "MkDocs mkdocs-9.9", "Material for MkDocs mkdocs-material-9.9"):
        assert version in text
    assert "rebuilds the whole site" not in text
