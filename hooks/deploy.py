"""The finished site made ready for a web server: a precompressed .gz beside each stylesheet, script and
data file (nginx's gzip_static sends it as is; pages are compressed by the server as it sends them),
and site/nginx.conf written from deploy/nginx.conf with the site's server name and the hashes of its
inline scripts in the Content-Security-Policy."""
from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from language_folders import inner_language_build

NGINX_TEMPLATE = "deploy/nginx.conf"
# Written into the site folder, next to what it serves; the server refuses to send it to visitors.
NGINX_CONF = "nginx.conf"
# Files compressed once at build time: few, large, and cached for long. Pages are many and small; the
# server compresses them as it sends them (gzip on), which spares the build most of its compression time.
COMPRESSED = {".css", ".js", ".json", ".xml", ".svg", ".txt"}
# <script> types a browser runs (CSP governs these); application/ld+json and the like are data.
EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                    "text/ecmascript"}
_SERVER_NAME = re.compile(r"^(\s*server_name\s+)[^;]+;", re.M)
_SCRIPT_SRC = "script-src 'self'"
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")

_hashes: set[str] = set()


# Start the list of inline scripts (once: static-i18n builds the other languages inside the default one).
def on_pre_build(config: MkDocsConfig) -> None:
    if not inner_language_build(config):
        _hashes.clear()


# Note each page's inline scripts as it is written, rather than reading every page again at the end.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _hashes.update(script_hashes(output))
    return output


# The same for the pages made from templates alone (404.html).
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    _hashes.update(script_hashes(output))
    return output


# Once every language is built and the assets renamed (hooks/assets.py): the server's config, then compression.
@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return  # the default build's own turn comes last
    site = Path(config.site_dir)
    template = Path(config.config_file_path).parent / NGINX_TEMPLATE
    (site / NGINX_CONF).write_text(nginx_config(template.read_text(encoding="utf-8"), config.site_url, sorted(_hashes)),
                                   encoding="utf-8")
    precompress(site)


# The CSP source of each inline script a browser would run: 'sha256-<base64 of the script's text>'.
def script_hashes(html: str) -> list[str]:
    return [f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode()}'"
            for attributes, script in _SCRIPT.findall(html) if _runs_inline(attributes)]


# deploy/nginx.conf with this site's server name, and its inline scripts allowed by their hashes.
def nginx_config(template: str, site_url: str, hashes: list[str]) -> str:
    config, names = _SERVER_NAME.subn(rf"\g<1>{urlsplit(site_url).hostname};", template, count=1)
    if not names or _SCRIPT_SRC not in config:
        raise PluginError(f"{NGINX_TEMPLATE}: needs a server_name line and \"{_SCRIPT_SRC}\" in its "
                          "Content-Security-Policy — restore them from the project's history.")
    config = config.replace(_SCRIPT_SRC, " ".join([_SCRIPT_SRC, *hashes]), 1)
    return (f"# Written by the build of {site_url} from {NGINX_TEMPLATE}: server name and the hashes of the "
            f"site's {len(hashes)} inline script(s) filled in.\n" + config)


# A .gz beside each stylesheet, script and data file, where it is smaller (written reproducibly: no time stamp inside).
# Level 7: within 0.1 % of level 9's size on this site's files (stylesheet, search index), in two thirds of its time.
def precompress(site: Path) -> None:
    for folder, _, names in os.walk(site):  # faster than Path.rglob over a site of thousands of pages
        for path in (Path(folder, name) for name in names if os.path.splitext(name)[1] in COMPRESSED):
            content = path.read_bytes()
            packed = gzip.compress(content, compresslevel=7, mtime=0)
            if len(packed) < len(content):
                path.with_name(path.name + ".gz").write_bytes(packed)


# Whether a <script> with these attributes runs its own text: no src, and a type a browser runs. Pages
# repeat the same few script tags: each is read once.
@functools.lru_cache(maxsize=64)
def _runs_inline(attributes: str) -> bool:
    values = {name.lower(): next((v for v in value if v), "") for name, *value in _ATTRIBUTE.findall(attributes)}
    return "src" not in values and values.get("type", "").split(";")[0].strip().lower() in EXECUTABLE_TYPES
