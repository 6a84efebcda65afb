"""Shared fixtures: one strict build of the real site, served on 127.0.0.1, and a real Chromium."""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}

# The URL contract: every page exists at the same slug in both languages.
SLUGS = ["", "histoire/", "indications/", "methode/", "contre-indications/", "effets-indesirables/",
         "apres-seance/", "faq/", "glossaire/", "sources/"]
LANGUAGES = {"fr": "", "en": "en/"}
# The clinic file to build, as `make site CLINIC=…` passes it to hooks/clinic.py; the example clinic.
CLINIC_FILE = "CLINIC_FILE"
EXAMPLE_CLINIC = ROOT / "examples/lyon-clinic.yml"


def build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", clinic: Path | None = None) -> subprocess.CompletedProcess:
    """Run the project's strict MkDocs build into site_dir, for a clinic file (None: the demo clinic)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop(CLINIC_FILE, None)
    if clinic:
        env[CLINIC_FILE] = str(clinic)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The site built for the example clinic as committed, with its recorded review, once per test session."""
    site_dir = tmp_path_factory.mktemp("example-site")
    result = build(site_dir, clinic=EXAMPLE_CLINIC)
    assert result.returncode == 0, (
        "the example clinic does not build; if its review is older than the medical content, run\n"
        f"  make review BY=\"{yaml.safe_load(EXAMPLE_CLINIC.read_text(encoding='utf-8'))['medical_review']['by']}\" "
        f"CLINIC=examples/lyon-clinic.yml\n{result.stdout}\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site, once per test session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def page_path(site: Path, language: str, slug: str) -> Path:
    return site / LANGUAGES[language] / slug / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass


@contextlib.contextmanager
def served(folder: Path):
    """A built site served by a real HTTP server on 127.0.0.1 while in the block; gives its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(site):
    """The built site served by a real HTTP server on 127.0.0.1; yields its base URL."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped only where it is absent, and never under CI."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but Chromium is missing at {CHROMIUM}: install Debian's chromium package")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context (no shared storage between tests)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()
