"""Each page's front matter, checked in one place before anything is built (every field's rule is in
lib/page_schema.py); overdue editorial reviews noticed."""
from __future__ import annotations

import datetime
import os
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib import page_schema
from lib.bibliography import load
from lib.build_state import BuildState, language_state, state
from lib.language_folders import default_language, inner_language_build
from lib.page_schema import PageContext
from lib.priorities import BEFORE_READING

log = get_plugin_logger(__name__)


# Check every page of every language at once (in the default language's build, before other hooks read
# them), so that one failed build lists every problem.
@event_priority(BEFORE_READING)
def on_pre_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return
    keys = tuple(load(config))
    problems = []
    # os.walk and plain strings: faster than Path.rglob and Path objects over thousands of pages.
    pages = (os.path.join(folder, name) for folder, _, names in os.walk(config.docs_dir) for name in names if name.endswith(".md"))
    for path in sorted(pages):
        problems += [f"{_name(Path(path), config)}: {problem}" for problem in _problems(state(config), path, config, keys)]
    if problems:
        raise PluginError("\n".join(problems))


# Note a page whose next review date has passed: it still builds.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    due = page.meta.get("next_review")
    if isinstance(due, datetime.date) and due < datetime.date.today():
        language_state(config).overdue.append(f"{_name(Path(page.file.abs_src_path), config)} (due {due.isoformat()})")
    return markdown


# One notice listing every overdue page of this language: information for the editors, not a warning.
def on_post_build(config: MkDocsConfig) -> None:
    overdue = language_state(config).overdue
    if overdue:
        log.info(f"NOTICE: review overdue for {len(overdue)} page(s): {'; '.join(overdue)}"
                 " — review them, then update updated and next_review.")


# The page's file as the author knows it: docs/fr/histoire.md.
def _name(path: Path, config: MkDocsConfig) -> str:
    return path.resolve().relative_to(Path(config.config_file_path).resolve().parent).as_posix()


# Every problem of one page's front matter, as "field: what is wrong — how to fix it" (page_schema holds every
# field's rule); its language and name come from its place in docs/ (docs/en/soins/apres.md: en, soins/apres).
def _problems(build: BuildState, path: str, config: MkDocsConfig, keys: tuple[str, ...]) -> list[str]:
    try:
        page_file = build.files.read(path)
        meta = page_file.meta
    except (OSError, UnicodeDecodeError) as error:
        return [f"file: cannot be read ({error}) — save it as UTF-8 text."]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark else ""
        return [f"front matter: not valid YAML ({where}{getattr(error, 'problem', None) or error}) — fix the syntax."]
    if meta is None:
        return ["front matter: missing — start the file with a --- block holding title, description, updated, next_review and sources."]
    if not isinstance(meta, dict):
        return ["front matter: must be a list of fields (title: …, description: …) — see guides/authors.md."]
    language, _, name = Path(path).relative_to(config.docs_dir).as_posix().partition("/")
    context = PageContext(os.path.basename(path), name.removesuffix(".md"), language, default_language(config), keys)
    return build.remembered(("front matter problems", page_file.text[:page_file.body_start], context, datetime.date.today()),
                            lambda: page_schema.problems(meta, context))
