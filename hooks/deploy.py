"""The finished site made ready for a web server: a precompressed .gz beside each stylesheet, script and
data file (nginx's gzip_static sends it as is; pages are compressed by the server as it sends them),
and site/nginx.conf written from deploy/nginx.conf with the site's server name.

The Content-Security-Policy says what the site declares, never what a page happens to hold: scripts are the
site's own files, served from 'self' (hooks/assets.py, SCRIPTS); structured data (JSON-LD) is data, which the
policy does not govern. Any other script in a page fails the build (hooks/output_safety.py), so the policy,
and nginx.conf, are the same whatever the pages say."""
from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from lib.language_folders import inner_language_build
from lib.preview import preview_caches
from lib.priorities import COMPRESS

NGINX_TEMPLATE = "deploy/nginx.conf"
# Written into the site folder, next to what it serves; the server refuses to send it to visitors.
NGINX_CONF = "nginx.conf"
# Files compressed once at build time: few, large, and cached for long. Pages are many and small; the
# server compresses them as it sends them (gzip on), which spares the build most of its compression time.
COMPRESSED = {".css", ".js", ".json", ".xml", ".svg", ".txt"}
_SERVER_NAME = re.compile(r"^(\s*server_name\s+)[^;]+;", re.M)
_SCRIPT_SRC = "script-src 'self';"


# Once every language is built, the assets renamed (hooks/assets.py) and the site checked
# (hooks/output_safety.py): the server's config, then compression.
@event_priority(COMPRESS)
def on_post_build(config: MkDocsConfig) -> None:
    if inner_language_build(config) or preview_caches(config):
        return  # the default build's own turn comes last; a preview is served by MkDocs, not by nginx
    site = Path(config.site_dir)
    template = Path(config.config_file_path).parent / NGINX_TEMPLATE
    (site / NGINX_CONF).write_text(nginx_config(template.read_text(encoding="utf-8"), config.site_url), encoding="utf-8")
    precompress(site)


# deploy/nginx.conf with this site's server name; its script-src must be 'self' alone.
def nginx_config(template: str, site_url: str) -> str:
    config, names = _SERVER_NAME.subn(rf"\g<1>{urlsplit(site_url).hostname};", template, count=1)
    if not names or _SCRIPT_SRC not in config:
        raise PluginError(f"{NGINX_TEMPLATE}: needs a server_name line and \"{_SCRIPT_SRC}\" in its "
                          "Content-Security-Policy — restore them from the project's history.")
    return f"# Written by the build of {site_url} from {NGINX_TEMPLATE}: server name filled in.\n" + config


# A .gz beside each stylesheet, script and data file, where it is smaller (written reproducibly: no time stamp inside).
# Level 7: within 0.1 % of level 9's size on this site's files (stylesheet, search index), in two thirds of its time.
def precompress(site: Path) -> None:
    for folder, _, names in os.walk(site):  # faster than Path.rglob over a site of thousands of pages
        for path in (Path(folder, name) for name in names if os.path.splitext(name)[1] in COMPRESSED):
            content = path.read_bytes()
            packed = gzip.compress(content, compresslevel=7, mtime=0)
            if len(packed) < len(content):
                path.with_name(path.name + ".gz").write_bytes(packed)
