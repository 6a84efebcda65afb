"""The site behind Debian's nginx with the config the build wrote (site/nginx.conf): security and cache
headers, precompressed files, both languages' 404 pages, and every page in Chromium with no CSP
violation and no console error. nginx runs as a plain process on 127.0.0.1, in a folder of its own."""
from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from clinic_builds import build_for, output, project_copy
from conftest import LANGUAGES
from site_pages import built_pages

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
MIME_TYPES = "/etc/nginx/mime.types"
# Records each Content-Security-Policy violation of the page, as the browser reports it.
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""
INLINE_SCRIPT = '<script>document.documentElement.dataset.inline = "ran";</script>'


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    """Debian's nginx; skipped only where it is absent, and never under CI."""
    found = shutil.which(NGINX) or (NGINX if Path(NGINX).exists() else None)
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but nginx is missing at {NGINX}: install Debian's nginx package")
        pytest.skip(f"no nginx at {NGINX}")
    if not shutil.which("openssl"):
        pytest.fail("openssl is needed to give the test server a certificate: install Debian's openssl package")
    return found


@pytest.fixture(scope="module")
def nginx(nginx_binary, site, tmp_path_factory):
    """The built demo site behind nginx; yields the http:// and https:// base URLs."""
    with _running_nginx(nginx_binary, site, tmp_path_factory.mktemp("nginx")) as urls:
        yield urls


# ---- Headers ------------------------------------------------------------------------------------------

def test_pages_carry_the_security_headers_and_a_short_cache(nginx):
    response, _ = _get(nginx["http"], "/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    policy = _policy(response.getheader("Content-Security-Policy"))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]  # the site's own script files, whatever its pages hold
    assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Cache-Control") == "public, max-age=300"
    assert response.getheader("Strict-Transport-Security") is None  # plain HTTP: no HSTS
    assert response.getheader("Server") == "nginx"  # no version


def test_hsts_is_sent_once_the_site_is_served_over_https(nginx):
    response, _ = _get(nginx["https"], "/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"


def test_fingerprinted_assets_are_cached_for_a_year(nginx, site):
    stylesheet = next((site / "assets/stylesheets").glob("site.*.css")).relative_to(site).as_posix()
    response, body = _get(nginx["http"], "/" + stylesheet)
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/css")
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Security-Policy") and response.getheader("X-Content-Type-Options") == "nosniff"
    assert body == (site / stylesheet).read_bytes()
    index, _ = _get(nginx["http"], "/search/index.json")
    assert index.status == 200 and index.getheader("Cache-Control") == "public, max-age=300"


# ---- Compression -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path,file", [("/search/index.json", "search/index.json"),
                                       ("/en/search/index.json", "en/search/index.json")])
def test_precompressed_files_are_sent_as_built(nginx, site, path, file):
    response, body = _get(nginx["http"], path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert body == (site / (file + ".gz")).read_bytes(), "the build's .gz file, not one compressed on the fly"
    assert gzip.decompress(body) == (site / file).read_bytes()
    plain, plain_body = _get(nginx["http"], path)
    assert plain.getheader("Content-Encoding") is None and plain_body == (site / file).read_bytes()


@pytest.mark.parametrize("path,file", [("/", "index.html"), ("/en/cabinet/", "en/cabinet/index.html")])
def test_pages_are_compressed_as_they_are_sent(nginx, site, path, file):
    response, body = _get(nginx["http"], path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip" and response.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(body) == (site / file).read_bytes()
    assert len(body) < (site / file).stat().st_size / 2


def test_every_stylesheet_script_and_data_file_has_its_precompressed_copy(site):
    missing = [str(path.relative_to(site)) for path in site.rglob("*")
               if path.suffix in {".css", ".js", ".json", ".xml"} and path.stat().st_size > 1024
               and not path.with_name(path.name + ".gz").exists()]
    assert not missing, missing
    assert list(site.rglob("*.css.gz")) and list(site.rglob("*.js.gz"))


# ---- Pages that do not exist ---------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_misses_get_status_404_with_the_page_of_their_language(nginx, site, language):
    not_found = site / LANGUAGES[language] / "404.html"
    response, body = _get(nginx["http"], f"/{LANGUAGES[language]}no-such-page/")
    assert response.status == 404
    assert response.getheader("Content-Security-Policy"), "security headers on errors too"
    if not not_found.exists():
        pytest.skip(f"{not_found.relative_to(site)} is not built: nginx answers 404 with its own page")
    assert body == not_found.read_bytes()
    assert f'lang="{language}"' in body.decode()


def test_server_files_and_folders_without_slash(nginx, site):
    config, body = _get(nginx["http"], "/nginx.conf")
    assert config.status == 404 and body == (site / "404.html").read_bytes()
    redirect, _ = _get(nginx["http"], "/faq")
    assert redirect.status == 301 and redirect.getheader("Location") == "/faq/"


def test_files_named_with_a_dot_are_not_served_except_well_known(nginx_binary, site, tmp_path):
    """What an upload may bring along (.git/, .env, an editor's .swp) stays private; /.well-known/ is served."""
    uploaded = tmp_path / "site"
    shutil.copytree(site, uploaded)
    hidden = {".env": "SECRET=dot-env", ".git/config": "[core] dot-git", "en/.index.html.swp": "dot-swap",
              ".well-knownx/a.txt": "dot-not-well-known"}
    for name, text in {**hidden, ".well-known/security.txt": "Contact: mailto:security@example.org"}.items():
        (uploaded / name).parent.mkdir(parents=True, exist_ok=True)
        (uploaded / name).write_text(text, encoding="utf-8")
    with _running_nginx(nginx_binary, uploaded, tmp_path / "nginx") as urls:
        for name in [*hidden, ".git/", "%2eenv", "en/%2Eindex.html.swp"]:
            response, body = _get(urls["http"], "/" + name)
            assert response.status in (403, 404), name
            assert response.getheader("Content-Security-Policy"), f"{name}: security headers on refusals too"
            assert all(text.encode() not in body for text in hidden.values()), name
        served, body = _get(urls["http"], "/.well-known/security.txt")
        assert served.status == 200 and body == b"Contact: mailto:security@example.org"
        page, _ = _get(urls["http"], "/en/cabinet/")
        assert page.status == 200


# ---- Chromium through nginx --------------------------------------------------------------------------

def test_every_page_opens_with_no_csp_violation_and_no_console_error(nginx, site, phone):
    phone.add_init_script(WATCH_CSP)
    problems = []
    page = phone.new_page()
    page.on("console", lambda message: problems.append(f"{page.url}: console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    paths = [path for path in built_pages(site) if not path.endswith("404.html")]
    for path in paths:
        response = page.goto(nginx["http"] + "/" + path, wait_until="networkidle")
        assert response.status == 200, path
        problems += [f"/{path}: CSP {violation}" for violation in page.evaluate("window.__violations")]
    for language, root in LANGUAGES.items():  # search: its script and index load on first use
        page.goto(f"{nginx['http']}/{root}", wait_until="networkidle")
        page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").press_sequentially("Pistor", delay=30)
        page.wait_for_selector(".md-search-result__item")
        problems += [f"/{root} search: CSP {violation}" for violation in page.evaluate("window.__violations")]
    assert len(paths) >= 2 * 12
    assert not problems, "\n".join(problems)


def test_404_pages_open_with_no_csp_violation(nginx, phone):
    phone.add_init_script(WATCH_CSP)
    page = phone.new_page()
    for root in LANGUAGES.values():
        response = page.goto(f"{nginx['http']}/{root}no-such-page/", wait_until="networkidle")
        assert response.status == 404
        assert page.evaluate("window.__violations") == []


def test_a_template_with_an_inline_script_fails_the_build(tmp_path):
    """The policy allows no inline script: one written by a template is refused by the build, not hashed."""
    config = project_copy(tmp_path / "project")
    template = tmp_path / "project/overrides/main.html"
    template.write_text(template.read_text(encoding="utf-8").replace("</head>", INLINE_SCRIPT + "\n</head>", 1),
                        encoding="utf-8")
    result = build_for(tmp_path / "site", config=config)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    assert re.search(r"^docs/fr/index\.md: an inline <script> runs code .*not in the page's Markdown", text, re.M), text


def test_a_script_injected_after_the_build_cannot_run(nginx_binary, site, browser, tmp_path):
    """A page written into the built site afterwards, with an inline script and an event handler: the policy
    nginx sends blocks both, and Chromium reports each violation."""
    served = tmp_path / "site"
    shutil.copytree(site, served)
    index = (served / "index.html").read_text(encoding="utf-8")
    injected = (INLINE_SCRIPT + '<img src="no-such-image.png" alt="" '
                'onerror="document.documentElement.dataset.handler = \'ran\'">')
    (served / "injected.html").write_text(index.replace("</main>", injected + "</main>", 1), encoding="utf-8")
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    with _running_nginx(nginx_binary, served, tmp_path / "nginx") as urls:
        page.goto(urls["http"] + "/injected.html", wait_until="networkidle")
        page.wait_for_function("window.__violations.length >= 2")
        expect(page.locator("html")).not_to_have_attribute("data-inline", "ran")
        expect(page.locator("html")).not_to_have_attribute("data-handler", "ran")
        directives = sorted(v.split(" ")[0] for v in page.evaluate("window.__violations"))
        assert directives == ["script-src-attr", "script-src-elem"], directives
    context.close()


# ---- Helpers ------------------------------------------------------------------------------------------

def _get(base: str, path: str, headers: dict | None = None) -> tuple[http.client.HTTPResponse, bytes]:
    """One request, answered as sent: no redirect followed, no decompression."""
    scheme, host, port = re.match(r"(https?)://([^:]+):(\d+)", base).groups()
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, int(port), timeout=10, context=ssl._create_unverified_context())
    else:
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def _policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]}."""
    return {parts[0]: parts[1:] for parts in (directive.split() for directive in header.split(";")) if parts}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _running_nginx(binary: str, site: Path, folder: Path):
    """nginx with the site's own nginx.conf, listening on 127.0.0.1 (HTTP, and HTTPS with a throwaway
    certificate) with the site as root; pid, logs and temporary files in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, https_port = _free_port(), _free_port()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")], check=True, capture_output=True)
    server = (site / "nginx.conf").read_text(encoding="utf-8")
    replacements = [
        (r"^\s*listen 80;$", f"    listen 127.0.0.1:{http_port};\n    listen 127.0.0.1:{https_port} ssl;\n"
                             f"    ssl_certificate {folder}/cert.pem;\n    ssl_certificate_key {folder}/key.pem;"),
        (r"^\s*listen \[::\]:80;$", ""),
        (r"^\s*root [^;]+;$", f"    root {site};"),
    ]
    for pattern, replacement in replacements:
        server, count = re.subn(pattern, lambda _: replacement, server, flags=re.M)
        assert count == 1, f"{pattern} not found once in {site}/nginx.conf"
    (folder / "site.conf").write_text(server, encoding="utf-8")
    temp = {name: folder / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # the site is in a folder only its owner can read
        + f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        + "events { worker_connections 64; }\n"
        + "http {\n"
        + f"  include {MIME_TYPES};\n  default_type application/octet-stream;\n  access_log {folder}/access.log;\n"
        + "".join(f"  {name}_temp_path {path};\n" for name, path in temp.items())
        + f"  include {folder}/site.conf;\n}}\n",
        encoding="utf-8")
    command = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(http_port, process)
        yield {"http": f"http://127.0.0.1:{http_port}", "https": f"https://127.0.0.1:{https_port}"}
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopped: {process.stderr.read().decode()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"nginx did not answer on port {port}")
