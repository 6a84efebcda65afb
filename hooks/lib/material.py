"""What the site takes from Material for MkDocs as it is installed: the stylesheets hooks/assets.py purges and
bundles, and the templates overrides/ builds on (its own replace Material's main.html, header, footer…). An upgrade
that renames or removes one stops the build here, naming it, instead of failing later without saying why."""
from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# Material's stylesheets, purged and bundled with the site's own into one (hooks/assets.py).
MATERIAL_CSS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
# A template's name where a template includes, imports or extends another (a name ending in / is made up as the
# page is built, partials/languages/<language>.html: not checked).
_TEMPLATE_NAME = re.compile(r"""\{%-?\s*(?:include|import|extends|from)\s+["']([^"']+)["']""")


# Material's stylesheets, in MATERIAL_CSS's order.
def stylesheets(config: MkDocsConfig) -> list[Path]:
    folder = _templates(config)
    found = find(_files(folder / "assets" / "stylesheets", "assets/stylesheets"), MATERIAL_CSS,
                 "hooks/lib/material.py (MATERIAL_CSS) bundles it")
    return [folder / found[pattern] for pattern in MATERIAL_CSS]


# Stop the build if a template of overrides/ uses one that neither overrides/ nor Material has.
def check_templates(config: MkDocsConfig) -> None:
    overrides = Path(config.theme.custom_dir)
    used = {}
    for path in sorted(overrides.rglob("*.html")):
        for name in _TEMPLATE_NAME.findall(path.read_text(encoding="utf-8")):
            if not name.endswith("/") and not (overrides / name).is_file():
                used.setdefault(name, path.relative_to(overrides.parent).as_posix())
    names = _files(_templates(config), "")
    for name, user in used.items():
        find(names, [name], f"{user} uses it")


# For each pattern (a path, or a glob), the first of the files that matches it; a PluginError naming every pattern
# that none matches, what needs it, and what to check.
def find(files: Iterable[str], patterns: Iterable[str], needed_by: str) -> dict[str, str]:
    files = sorted(files)
    found = {pattern: next((name for name in files if fnmatch.fnmatchcase(name, pattern)), None) for pattern in patterns}
    missing = [pattern for pattern, name in found.items() if name is None]
    if missing:
        raise PluginError(f"Material for MkDocs {_version()} has no {', '.join(missing)} ({needed_by}) — it was renamed "
                          "or removed: install the version requirements.txt pins, or follow the new name in "
                          "hooks/lib/material.py and overrides/.")
    return found


# Material's installed templates (the theme's own folder, with its mkdocs_theme.yml), where its stylesheets are.
def _templates(config: MkDocsConfig) -> Path:
    for folder in config.theme.dirs:
        if (Path(folder) / "mkdocs_theme.yml").is_file():
            return Path(folder)
    raise PluginError(f"Material for MkDocs {_version()}: no theme folder among {', '.join(config.theme.dirs)} — check "
                      "mkdocs.yml's theme: name: material, and the version requirements.txt pins.")


# The files under a folder, as paths from the templates folder (prefix: the folder's own path there).
def _files(folder: Path, prefix: str) -> list[str]:
    found = []
    for parent, _, names in os.walk(folder):
        relative = Path(parent).relative_to(folder).as_posix()
        base = "/".join(part for part in (prefix, "" if relative == "." else relative) if part)
        found += [f"{base}/{name}" if base else name for name in names]
    return found


# The installed version of Material, for the messages.
def _version() -> str:
    return version("mkdocs-material")
