"""The authors' preview (`make serve`, commands/preview.py) rebuilds the whole site on every save: what it does
not need is left out there, and only there.

commands/preview.py sets PATIENT_SITE_PREVIEW to a folder of its own, for the preview's caches; a strict build
(`make site`, `mkdocs build`) is never a preview, whatever the environment says. In a preview, the templates,
compiled once, are kept in that folder (Jinja's bytecode cache, checked against each template's text, so that an
edited template is compiled again), and hooks/deploy.py neither compresses nor writes nginx.conf.
"""
from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

PREVIEW_FLAG = "PATIENT_SITE_PREVIEW"


# In a preview, the compiled templates come from the preview's cache folder.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    caches = preview_caches(config)
    if caches is not None:
        (caches / "templates").mkdir(exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(caches / "templates"))
    return env


# The preview's cache folder, or None for any build that is not a preview.
def preview_caches(config: MkDocsConfig) -> Path | None:
    folder = os.environ.get(PREVIEW_FLAG, "")
    if config.strict or not folder or not Path(folder).is_dir():
        return None
    return Path(folder)
