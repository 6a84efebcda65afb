"""The site's stylesheet and scripts as served: only the CSS rules the pages use, in one file, and
every asset named after its content so servers can cache it for a long time."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from language_folders import inner_language_build

log = get_plugin_logger(__name__)

# What the pages link to, and what the stylesheet is made of (Material's, then the site's own).
STYLESHEET = "assets/stylesheets/site.css"
SCRIPTS = ("assets/javascripts/site.js", "assets/javascripts/search.js")
MATERIAL_CSS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
SITE_CSS = "assets/site.css"
# Material's own files that no page loads any more (its bundle, search worker, unpurged stylesheets).
MATERIAL_ASSETS = ("assets/javascripts/bundle.*", "assets/javascripts/workers", "assets/javascripts/lunr",
                   "assets/stylesheets/main.*", "assets/stylesheets/palette.*")
_CLASS_OR_ID = re.compile(r'(?:class|id)="([^"]*)"')
_SCRIPT_WORDS = re.compile(r"[\w-]+")


# After every language is built (static-i18n builds them within the default one): bundle and rename.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return  # the default build's own turn comes last
    site = Path(config.site_dir)
    pages = list(site.rglob("*.html"))
    used = _used_names(pages, [Path(config.docs_dir) / script for script in SCRIPTS])
    docs = Path(config.docs_dir)
    material = _material_dir(config)
    sources = [next(material.glob(pattern)).read_text(encoding="utf-8") for pattern in MATERIAL_CSS]
    css = "".join(_purge(source, used) for source in sources) + (docs / SITE_CSS).read_text(encoding="utf-8")
    renamed = {STYLESHEET: _fingerprint(site, STYLESHEET, css)}
    for script in SCRIPTS:
        renamed[script] = _fingerprint(site, script, (docs / script).read_text(encoding="utf-8"))
    for unused in (*MATERIAL_ASSETS, SITE_CSS):
        for path in site.glob(unused):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for name, hashed in renamed.items():
            html = html.replace(name + '"', hashed + '"')
        page.write_text(html, encoding="utf-8")
    log.debug("stylesheet: %d bytes", len(css))


# Class names and ids the pages carry, and every word in the scripts (which build search results).
def _used_names(pages: list[Path], scripts: list[Path]) -> set[str]:
    used: set[str] = set()
    for page in pages:
        for value in _CLASS_OR_ID.findall(page.read_text(encoding="utf-8")):
            used.update(value.split())
    for script in scripts:
        used.update(_SCRIPT_WORDS.findall(script.read_text(encoding="utf-8")))
    return used


# Keep the rules whose selectors only need class names and ids that are used somewhere.
def _purge(css: str, used: set[str]) -> str:
    kept = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if _needs(s) <= used]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                kept.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = _purge(tinycss2.serialize(rule.content), used)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return "".join(kept)


# A selector list split at its top-level commas.
def _split_selectors(prelude: list) -> list[list]:
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


# The class names and ids a selector requires (those inside :not(), :is() … are left aside).
def _needs(selector: list) -> set[str]:
    needs = set()
    for previous, token in zip([None, *selector], selector):
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            needs.add(token.value)
        elif token.type == "hash" and token.is_identifier:
            needs.add(token.value)
    return needs


# Write the content under a name carrying its hash (site.3f2a9c1e.css); returns that name.
def _fingerprint(site: Path, name: str, content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    hashed = re.sub(r"\.(\w+)$", rf".{digest}.\1", name)
    (site / hashed).write_text(content, encoding="utf-8")
    (site / name).unlink(missing_ok=True)
    return hashed


# Material's installed templates, where its original stylesheets are.
def _material_dir(config: MkDocsConfig) -> Path:
    return next(Path(d) for d in config.theme.dirs if (Path(d) / "assets" / "stylesheets").is_dir()
                and any((Path(d) / "assets" / "stylesheets").glob("main.*.min.css")))
