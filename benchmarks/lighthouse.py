"""Lighthouse scores (mobile defaults: a mid-range phone on a slow 4G connection) for one page of each
kind in both languages, on a fresh build served as in production: by nginx with the site's own
nginx.conf (written from deploy/nginx.conf), or, where nginx is missing, by a local gzip server.

Usage: python benchmarks/lighthouse.py   (or: make lighthouse; Lighthouse itself is pinned in
benchmarks/lighthouse/package.json and installed there by npm)"""
from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compressing_server import serve
from results import markdown_table, text_table, write

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
CHROMIUM_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
CATEGORIES = {"performance": "perf", "accessibility": "a11y", "best-practices": "best pr.", "seo": "SEO"}
LANGUAGES = {"fr": "", "en": "en/"}
# One page of each kind, by its address in the French site (the English one is under en/).
KINDS = {
    "home": "",
    "article": "methode/",
    "FAQ": "faq/",
    "glossary": "glossaire/",
    "sources": "sources/",
    "practice": "cabinet/",
    "legal notice": "mentions-legales/",
    "not found": "404.html",
}
TARGET = 100


def main() -> int:
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is not installed: run `npm ci --prefix {LIGHTHOUSE.parents[2]}` (or make lighthouse)")
    with tempfile.TemporaryDirectory() as work:
        site = _build(Path(work) / "site")
        with _served(site, Path(work) / "nginx") as (base, server):
            setting = f"Lighthouse {_version()}, mobile defaults, Chromium {CHROMIUM}; site served by {server}"
            print(f"{setting}\n")
            rows = []
            for kind, slug in KINDS.items():
                for language, prefix in LANGUAGES.items():
                    if not (site / prefix / slug / ("" if slug.endswith(".html") else "index.html")).is_file():
                        print(f"  ({kind}, {language}: /{prefix}{slug} is not built, left out)")
                        continue
                    rows.append((kind, language, f"/{prefix}{slug}", _audit(base + prefix + slug)))
    _report(rows, setting)
    return 0


# A strict build of the project into site_dir.
def _build(site_dir: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site_dir)],
                   check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return site_dir


# The site behind nginx (its own nginx.conf, on a free port of 127.0.0.1), else the gzip server; yields (base URL, name).
@contextlib.contextmanager
def _served(site: Path, folder: Path):
    if Path(NGINX).exists() and (site / "nginx.conf").is_file():
        with _nginx(site, folder) as base:
            yield base, "nginx with the site's nginx.conf"
        return
    server, base = serve(site)
    try:
        yield base, "the local gzip server (benchmarks/compressing_server.py): no nginx or no site/nginx.conf"
    finally:
        server.shutdown()


# nginx in the foreground with the site's server block, moved to 127.0.0.1 and to the built folder.
@contextlib.contextmanager
def _nginx(site: Path, folder: Path):
    folder.mkdir(parents=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = (site / "nginx.conf").read_text(encoding="utf-8")
    server = re.sub(r"^\s*listen \[::\]:80;$", "", server, flags=re.M)
    server = re.sub(r"^\s*listen 80;$", f"    listen 127.0.0.1:{port};", server, flags=re.M)
    server = re.sub(r"^\s*root [^;]+;$", f"    root {site};", server, flags=re.M)
    (folder / "site.conf").write_text(server, encoding="utf-8")
    temp_paths = "".join(f"  {name}_temp_path {folder / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        + f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
        + temp_paths + f"  include {folder}/site.conf;\n}}\n", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            if process.poll() is not None:
                sys.exit(f"nginx stopped: {process.stderr.read().decode()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


# One Lighthouse run: each category's score (0-100) and the audits that cost points.
def _audit(url: str) -> dict:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={CHROMIUM_FLAGS}",
         f"--only-categories={','.join(CATEGORIES)}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        return {"error": (result.stderr.strip().splitlines() or ["no output"])[-1]}
    report = json.loads(result.stdout)
    scores = {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}
    lost = sorted({audit["id"] for category in CATEGORIES for ref in report["categories"][category]["auditRefs"]
                   if ref["weight"] and (audit := report["audits"][ref["id"]])["score"] is not None and audit["score"] < 1})
    return {"scores": scores, "lost": lost}


# The scores of every page, and the audits that cost points where a page is below the target: printed, and
# written into benchmarks/results/lighthouse.md with Lighthouse's and Chromium's versions.
def _report(rows: list, setting: str) -> None:
    table, below = (["page kind", "lang", "address", *CATEGORIES.values()], []), []
    for kind, language, address, result in rows:
        if "error" in result:
            table[1].append([kind, language, address, f"Lighthouse failed: {result['error']}", *[""] * (len(CATEGORIES) - 1)])
            below.append(address)
            continue
        table[1].append([kind, language, address, *(str(result["scores"][c]) for c in CATEGORIES)])
        if any(score < TARGET for score in result["scores"].values()):
            below.append(f"{address}: {', '.join(result['lost'])}")
    verdict = f"target: {TARGET} in every category on every page: " + ("met" if not below else "NOT met")
    print(f"\n{text_table(*table)}\n\n{verdict}")
    for line in below:
        print(f"  below target: {line}")
    path = write("lighthouse", "Lighthouse scores", "make lighthouse", __file__, chromium=CHROMIUM, body="\n\n".join([
        f"{setting}: one page of each kind in both languages, on a mid-range phone with a slow 4G connection as "
        "Lighthouse emulates it. Scores: performance, accessibility, best practices, SEO.", markdown_table(*table),
        f"{verdict[0].upper()}{verdict[1:]}.", *(f"- below target: {line}" for line in below)]))
    print(f"\nfigures written to {path}")


def _version() -> str:
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
