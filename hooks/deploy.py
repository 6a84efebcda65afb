"""The finished site made ready for a web server: a precompressed .gz beside each text file (nginx's
gzip_static sends it as is), and site/nginx.conf written from deploy/nginx.conf with the site's server
name and the hashes of its inline scripts in the Content-Security-Policy."""
from __future__ import annotations

import base64
import gzip
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from language_folders import inner_language_build

NGINX_TEMPLATE = "deploy/nginx.conf"
# Written into the site folder, next to what it serves; the server refuses to send it to visitors.
NGINX_CONF = "nginx.conf"
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
# <script> types a browser runs (CSP governs these); application/ld+json and the like are data.
EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                    "text/ecmascript"}
_SERVER_NAME = re.compile(r"^(\s*server_name\s+)[^;]+;", re.M)
_SCRIPT_SRC = "script-src 'self'"


# Once every language is built and the assets renamed (hooks/assets.py): the server's config, then compression.
@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return  # the default build's own turn comes last
    site = Path(config.site_dir)
    template = Path(config.config_file_path).parent / NGINX_TEMPLATE
    hashes = sorted({hash_ for page in site.rglob("*.html") for hash_ in script_hashes(page.read_text(encoding="utf-8"))})
    (site / NGINX_CONF).write_text(nginx_config(template.read_text(encoding="utf-8"), config.site_url, hashes),
                                   encoding="utf-8")
    precompress(site)


# The CSP source of each inline script a browser would run: 'sha256-<base64 of the script's text>'.
def script_hashes(html: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return [f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode()}'"
            for script in parser.scripts]


# deploy/nginx.conf with this site's server name, and its inline scripts allowed by their hashes.
def nginx_config(template: str, site_url: str, hashes: list[str]) -> str:
    config, names = _SERVER_NAME.subn(rf"\g<1>{urlsplit(site_url).hostname};", template, count=1)
    if not names or _SCRIPT_SRC not in config:
        raise PluginError(f"{NGINX_TEMPLATE}: needs a server_name line and \"{_SCRIPT_SRC}\" in its "
                          "Content-Security-Policy — restore them from the project's history.")
    config = config.replace(_SCRIPT_SRC, " ".join([_SCRIPT_SRC, *hashes]), 1)
    return (f"# Written by the build of {site_url} from {NGINX_TEMPLATE}: server name and the hashes of the "
            f"site's {len(hashes)} inline script(s) filled in.\n" + config)


# A .gz beside each text file, where it is smaller (written reproducibly: no time stamp inside).
def precompress(site: Path) -> None:
    for path in site.rglob("*"):
        if path.suffix in COMPRESSED and path.is_file():
            content = path.read_bytes()
            packed = gzip.compress(content, compresslevel=9, mtime=0)
            if len(packed) < len(content):
                path.with_name(path.name + ".gz").write_bytes(packed)


class _InlineScripts(HTMLParser):
    """The text of each <script> without src whose type a browser runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            attributes = dict(attrs)
            script_type = (attributes.get("type") or "").split(";")[0].strip().lower()
            self.current = [] if "src" not in attributes and script_type in EXECUTABLE_TYPES else None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.current is not None:
            self.scripts.append("".join(self.current))
            self.current = None
