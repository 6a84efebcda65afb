"""What is published is checked, not only what is written: only the file types a patient site needs are
taken from docs/, and once every language is built, every page, SVG image, XML file and stylesheet of the site
is read again and held to an allowlist (hooks/lib/output_allowlist.py, read by hooks/lib/output_check.py). Anything else fails
the build, naming the file to change (maintainers/threat-model.md).
"""
from __future__ import annotations

import html
import os
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from lib.build_state import BuildState, state
from lib.language_folders import inner_language_build
from lib.output_check import HTMLCheck, Problem, Site, css_problems, xml_problems
from lib.priorities import CHECK_OUTPUT, FILES_PLACED
from lib.published_names import SCRIPTS, SITE_CSS, hashed_name

# What docs/ may hold, by extension: pages, images and PDFs (the site's own stylesheet and scripts aside).
PAGES = {".md"}
IMAGES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".svg"}
DOCUMENTS = {".pdf"}
# What the built site may hold besides: what the build writes (stylesheets, the site's scripts, search
# indexes, the sitemap, and deploy.py's .gz copies and nginx.conf).
BUILT = {".html", ".xml", ".css", ".js", ".json", ".ico", ".gz", ".conf"}
CHECKED_AS_HTML = {".html"}
CHECKED_AS_XML = {".svg", ".xml"}
# Problems listed at most, in one failed build.
SHOWN = 40


# Refuse what docs/ may not publish before anything is built (once: static-i18n builds the other languages
# inside the default one).
def on_pre_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return
    problems = _docs_problems(config)
    if problems:
        raise PluginError("\n".join(problems))


# Note where each file of this language will be written and what it is made from, for the messages.
@event_priority(FILES_PLACED)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files:
        if file.abs_src_path:
            state(config).output_sources[os.path.normpath(file.abs_dest_path)] = _name(file.abs_src_path, config)
    return files


# Once every language is built and the assets are renamed (hooks/assets.py, AFTER_ALL_LANGUAGES), before the server's
# config and the .gz copies (hooks/deploy.py, COMPRESS): read every file of the site again.
@event_priority(CHECK_OUTPUT)
def on_post_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return
    site_dir = Path(config.site_dir)
    docs = Path(config.docs_dir)
    scripts = frozenset(hashed_name(script, (docs / script).read_text(encoding="utf-8")) for script in SCRIPTS)
    site = Site(urlsplit(config.site_url or "").hostname or "", scripts)
    pages = HTMLCheck(site)
    found: dict[str, list[str]] = defaultdict(list)  # each problem, and the files it was found in
    build = state(config)
    for folder, _, names in os.walk(site_dir):
        for name in sorted(names):
            path = os.path.join(folder, name)
            published = Path(path).relative_to(site_dir).as_posix()
            for problem in _file_problems(path, published, pages, build):
                found[_where(path, published, problem, config)].append(published)
    if found:
        lines = [where + (f" (and {len(files) - 1} other file(s))" if len(files) > 1 else "")
                 for where, files in found.items()]
        more = [f"… and {len(lines) - SHOWN} more"] if len(lines) > SHOWN else []
        raise PluginError("The built site holds what it may not (maintainers/threat-model.md):\n"
                          + "\n".join(lines[:SHOWN] + more))


# Every problem of one built file (pages read by the build's one HTMLCheck, which remembers repeated lines). A file
# is judged by what it holds, where it is published and what the check holds it to (the site's host and scripts):
# the preview's rebuilds check again only what changed (hooks/lib/preview.py).
def _file_problems(path: str, published: str, pages: HTMLCheck, build: BuildState) -> list[Problem]:
    extension = os.path.splitext(path)[1].lower()
    site = pages.site
    if extension in CHECKED_AS_HTML | CHECKED_AS_XML | {".css"}:
        with open(path, "rb") as file:
            content = file.read()
        return build.remembered(("output check", repr(site), published, content),
                                lambda: _content_problems(content, extension, published, pages))
    if extension == ".js" and published not in site.scripts:
        return [Problem(0, "a script that is not one of the site's own (hooks/lib/published_names.py, SCRIPTS) — remove it", "")]
    if extension not in BUILT | IMAGES | DOCUMENTS:
        return [Problem(0, f"a {extension or 'extensionless'} file, which the site does not publish — remove it", "")]
    return []


# Every problem of a page, SVG or XML file, or stylesheet, from what it holds.
def _content_problems(content: bytes, extension: str, published: str, pages: HTMLCheck) -> list[Problem]:
    if extension in CHECKED_AS_HTML:
        return pages.problems(content.decode("utf-8"), published)
    if extension in CHECKED_AS_XML:
        return xml_problems(content, published, pages.site)
    return css_problems(content.decode("utf-8"), published, pages.site)


# "docs/fr/histoire.md:12: what is wrong — fix (histoire/index.html, line 430)": the source and its line
# where the problem's clue is found in it.
def _where(path: str, published: str, problem: Problem, config: MkDocsConfig) -> str:
    source = state(config).output_sources.get(os.path.normpath(path))
    if source is None:
        template = Path(config.theme.custom_dir or "", os.path.basename(published))
        source = _name(str(template), config) if template.is_file() else None
    built = f"{published}, line {problem.line}" if problem.line else published
    if source is None:
        return f"{published}: {problem.message}"
    line = _line_of(Path(config.config_file_path).parent / source, problem.clue)
    if line is None and source.endswith(".md"):
        built += "; not in the page's Markdown: look at its front matter, then at overrides/ and hooks/"
    return f"{source}{f':{line}' if line else ''}: {problem.message} ({built})"


# The first line of a Markdown source holding the clue (character references decoded, spaces dropped), or
# else an address's scheme ("javascript:"), if any.
def _line_of(source: Path, clue: str) -> int | None:
    if not clue or source.suffix != ".md":
        return None
    try:
        lines = [re.sub(r"\s", "", html.unescape(line).lower()) for line in source.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError):
        return None
    wanted = re.sub(r"\s", "", clue.lower())
    for text in (wanted, wanted.split(":")[0] + ":" if ":" in wanted else None):
        found = next((number for number, line in enumerate(lines, 1) if text and text in line), None)
        if found:
            return found
    return None


# Every file of docs/ the site may not publish: an unknown type, a script or stylesheet of its own, or a
# path that leads out of the project (a symbolic link to a file elsewhere).
def _docs_problems(config: MkDocsConfig) -> list[str]:
    project = Path(config.config_file_path).parent.resolve()
    docs = Path(config.docs_dir)
    own = {SITE_CSS, *SCRIPTS}
    problems = []
    for folder, folders, names in os.walk(docs, followlinks=True):
        folders[:] = sorted(name for name in folders if not name.startswith("."))  # MkDocs leaves out dotfiles
        for name in [*folders, *sorted(names)]:
            path = Path(folder, name)
            if name.startswith("."):
                continue
            shown = _name(str(path), config)
            # Only a symbolic link can lead elsewhere: folders that do were left out as they were met.
            if path.is_symlink() and not path.resolve().is_relative_to(project):
                problems.append(f"{shown}: leads out of the project (to {path.resolve()}) — copy the file into docs/ "
                                "instead of linking to it.")
                if name in folders:
                    folders.remove(name)
                continue
            if name in folders:
                continue
            extension = path.suffix.lower()
            published = path.relative_to(docs).as_posix()
            if extension in PAGES | IMAGES | DOCUMENTS or published in own:
                continue
            if extension in {".js", ".mjs", ".css"}:
                problems.append(f"{shown}: a script or stylesheet is not published from docs/ — the site's own are "
                                f"{', '.join(sorted(own))} (hooks/lib/published_names.py); remove this one.")
            else:
                problems.append(f"{shown}: a {extension or 'extensionless'} file is not published — docs/ holds pages "
                                f"(.md), images ({' '.join(sorted(IMAGES))}) and PDFs; write HTML as Markdown, or remove it.")
    return problems


# A file as its author knows it: docs/fr/histoire.md, examples/lyon-logo.svg (relative to the project).
def _name(path: str, config: MkDocsConfig) -> str:
    project = os.path.dirname(os.path.abspath(config.config_file_path))
    relative = os.path.relpath(os.path.abspath(path), project)
    return relative.replace(os.sep, "/") if not relative.startswith("..") else path
