"""The authors' preview (`make serve`, commands/preview.py) rebuilds the whole site on every save: what it does
not need is left out there, and only there.

commands/preview.py sets PATIENT_SITE_PREVIEW to a folder of its own, for the preview's caches; a strict build
(`make site`, `mkdocs build`) is never a preview, whatever the environment says. In a preview, the templates,
compiled once, are kept in that folder (Jinja's bytecode cache, checked against each template's text, so that an
edited template is compiled again), and hooks/deploy.py neither compresses nor writes nginx.conf. The hooks' memo
(hooks/lib/preview.py) and the page cache (commands/page_cache.py) keep the rest.
"""
from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from lib.preview import preview_caches


# In a preview, the compiled templates come from the preview's cache folder.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    caches = preview_caches(config)
    if caches is not None:
        (caches / "templates").mkdir(exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(caches / "templates"))
    return env
