"""The site's stylesheet and scripts as served: only the CSS rules the pages use, in one file, and
every asset named after its content so servers can cache it for a long time."""
from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib.build_state import state
from lib.language_folders import inner_language_build
from lib.material import check_templates, stylesheets
from lib.priorities import AFTER_ALL_LANGUAGES, FINISHED_HTML
from lib.published_names import SCRIPTS, SITE_CSS, STYLESHEET, hashed_name

log = get_plugin_logger(__name__)

# Material's own files that no page loads any more (its bundle, search worker, unpurged stylesheets).
MATERIAL_ASSETS = ("assets/javascripts/bundle.*", "assets/javascripts/workers", "assets/javascripts/lunr",
                   "assets/stylesheets/main.*", "assets/stylesheets/palette.*")
_CLASS = re.compile(r'class="([^"]*)"')
_SCRIPT_WORDS = re.compile(r"[\w-]+")
# What CSS structure turns on: strings and comments (to be stepped over), braces, and statement ends.
_CSS_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|/\*.*?\*/|[{};]', re.S)
_SELECTOR_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|[(),\[\]]')
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_STRING = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'')
_INNERMOST_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")

# The stylesheet's name carries the hash of the rules the pages use, known once every page is written:
# pages link to a stand-in name of the same length, filled in at the end where it stands, in the page's
# <head>, without writing the whole page again. The scripts' names are known from the start.
_STAND_IN = "assets/stylesheets/site.________.css"
_HEAD = 8192


# Name the scripts after their content, and check that Material still has the templates overrides/ uses (once:
# static-i18n builds the other languages inside the default one).
def on_pre_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return
    check_templates(config)
    names = state(config).published_names
    names[STYLESHEET] = _STAND_IN
    for script in SCRIPTS:
        names[script] = hashed_name(script, (Path(config.docs_dir) / script).read_text(encoding="utf-8"))


# Leave out of the site what no page loads as it is: Material's own assets, and the site's stylesheet and scripts
# (published under other names at the end). Never copied, they need not be removed.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in [file for file in files if _unpublished(file.src_uri)]:
        files.remove(file)
    return files


# Templates link to assets by their published names: {{ 'assets/javascripts/site.js' | published | url }}.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    names = state(config).published_names
    env.filters["published"] = lambda name: names.get(name, name)
    return env


# Note the class names each page uses as it is written, rather than reading every page again later.
@event_priority(FINISHED_HTML)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _note_names(output, config)
    return output


# The same for the pages made from templates alone (404.html).
@event_priority(FINISHED_HTML)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        _note_names(output, config)
    return output


# After every language is built (static-i18n builds them within the default one): bundle and rename.
@event_priority(AFTER_ALL_LANGUAGES)
def on_post_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return  # the default build's own turn comes last
    site = Path(config.site_dir)
    docs = Path(config.docs_dir)
    used = {name for value in state(config).class_values for name in value.split()}
    for script in SCRIPTS:  # the scripts build search results and menus: every word in them may be a class
        used.update(_SCRIPT_WORDS.findall((docs / script).read_text(encoding="utf-8")))
    sources = [path.read_text(encoding="utf-8") for path in stylesheets(config)]
    css = "".join(_purge(source, used) for source in sources) + (docs / SITE_CSS).read_text(encoding="utf-8")
    stylesheet = _publish(site, STYLESHEET, css)
    for script in SCRIPTS:
        _publish(site, script, (docs / script).read_text(encoding="utf-8"))
    for folder, _, names in os.walk(site):  # os.walk and strings: faster than Path.rglob over thousands of pages
        for name in names:
            if name.endswith(".html"):
                _fill_in(os.path.join(folder, name), _STAND_IN.encode(), stylesheet.encode())
    log.debug("stylesheet: %d bytes", len(css))


# Add a page's class attributes to those whose names the stylesheet must keep (pages share most of them).
def _note_names(html: str, config: MkDocsConfig) -> None:
    state(config).class_values.update(_CLASS.findall(html))


# Write the stylesheet's name where the page has its stand-in: in place, within the page's <head>.
def _fill_in(page: str, stand_in: bytes, name: bytes) -> None:
    with open(page, "r+b") as file:
        at = file.read(_HEAD).find(stand_in)
        if at >= 0:
            file.seek(at)
            file.write(name)
            return
        file.seek(0)
        html = file.read()  # a page whose <head> is longer than usual
        if stand_in in html:
            file.seek(0)
            file.write(html.replace(stand_in, name))  # the same length: nothing left over


# Keep the rules whose selectors only need class names that are used somewhere (ids are not looked for:
# a rule naming one is kept); @media and
# @supports blocks are purged inside, other at-rules (@font-face, @keyframes, @page) kept whole.
def _purge(css: str, used: set[str]) -> str:
    kept = []
    for prelude, body in _rules(css):
        if body is None:  # a statement such as @charset
            kept.append(prelude + ";")
        elif prelude.startswith("@"):
            if re.match(r"@(media|supports)\b", prelude, re.I):
                inner = _purge(body, used)
                if inner:
                    kept.append(f"{prelude}{{{inner}}}")
            else:
                kept.append(f"{prelude}{{{body}}}")
        else:
            selectors = [s for s in _split_selectors(prelude) if _needs(s) <= used]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


# A stylesheet's top-level rules, each (prelude, body); body None for a statement ending with ";".
def _rules(css: str) -> list[tuple[str, str | None]]:
    rules: list[tuple[str, str | None]] = []
    depth, start, body_start = 0, 0, 0
    for token in _CSS_TOKEN.finditer(css):
        mark = token.group()
        if mark == "{":
            if depth == 0:
                prelude, body_start = css[start:token.start()], token.end()
            depth += 1
        elif mark == "}" and depth:
            depth -= 1
            if depth == 0:
                rules.append((_COMMENT.sub("", prelude).strip(), css[body_start:token.start()]))
                start = token.end()
        elif mark == ";" and depth == 0:
            rules.append((_COMMENT.sub("", css[start:token.start()]).strip(), None))
            start = token.end()
    return rules


# A selector list split at its top-level commas (not those inside :is(…) or strings).
def _split_selectors(prelude: str) -> list[str]:
    selectors, depth, start = [], 0, 0
    for token in _SELECTOR_TOKEN.finditer(prelude):
        mark = token.group()
        if mark in "([":
            depth += 1
        elif mark in ")]":
            depth -= 1
        elif mark == "," and depth == 0:
            selectors.append(prelude[start:token.start()].strip())
            start = token.end()
    selectors.append(prelude[start:].strip())
    return selectors


# The class names a selector requires (those inside :not(…), :is(…), attribute selectors and strings are
# left aside): strings removed, then brackets from the innermost out.
def _needs(selector: str) -> set[str]:
    text, found = _STRING.sub("", selector), 1
    while found:
        text, found = _INNERMOST_BRACKETS.subn("", text)
    return set(_CLASS_NAME.findall(text))


# Whether a file of the theme or of docs/ stays out of the site as it is (MATERIAL_ASSETS, SITE_CSS, SCRIPTS).
def _unpublished(path: str) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) or path.startswith(f"{pattern}/")
               for pattern in (*MATERIAL_ASSETS, SITE_CSS, *SCRIPTS))


# Write the content under a name carrying its hash; returns that name.
def _publish(site: Path, name: str, content: str) -> str:
    hashed = hashed_name(name, content)
    (site / hashed).parent.mkdir(parents=True, exist_ok=True)
    (site / hashed).write_text(content, encoding="utf-8")
    return hashed
