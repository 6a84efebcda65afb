"""Pages are text for patients: raw HTML that could run code, embed another site or post a form is refused.

Only the theme runs scripts. Inline styles are refused too: the server's Content-Security-Policy blocks them.
This is a quick look at the Markdown, before the build, for a message at the author's line; what guarantees
the site is the check of the built pages themselves (hooks/output_safety.py).
"""
from __future__ import annotations

import html
import os
import re

from markdown.extensions.fenced_code import FencedBlockPreprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from lib.build_state import state
from lib.language_folders import inner_language_build

# What is refused, and why, as the author will read it.
_UNSAFE = [
    (re.compile(r"<\s*(script|iframe|frame|object|embed|form|style|base)\b", re.I),
     "<{0}> is not allowed in a page — pages are text for patients, without scripts, styles, forms or "
     "embedded sites; remove it (link to another site rather than embed it)"),
    # Attributes inside an HTML tag or a Markdown attribute list { … }.
    (re.compile(r"(?:<[a-z][^>]*?|\{[^}]*?)(?<![\w-])(on[a-z]+)\s*=", re.I),
     "{0}= runs a script — remove the attribute; pages hold no code"),
    (re.compile(r"(?:<[a-z][^>]*?|\{[^}]*?)(?<![\w-])(style)\s*=", re.I),
     "{0}= is an inline style, which the site's security policy blocks — use a class from docs/assets/site.css"),
]
# A link whose address runs a script: [text](javascript:…), [ref]: javascript:…, href="javascript:…",
# <javascript:…>, with the spaces and line breaks browsers ignore inside a scheme.
_SCHEMES = ("javascript", "vbscript")
_SCRIPT_URL = re.compile(r"(?:\]\(\s*<?|\]:\s*|=\s*[\"']?|<)[\x00-\x20]*("
                         + "|".join(r"[\x00-\x20]*".join(scheme) for scheme in _SCHEMES) + r")[\x00-\x20]*:", re.I)
_SCRIPT_URL_PROBLEM = "a {0}: address runs a script — link to a page or a web address instead"
# Code is text on the page, never markup: `inline code` within a line, and fenced blocks exactly as MkDocs' fenced_code
# extension reads them (its own pattern: "~~~ two words" or an indented ``` opens no block, and the HTML after it is HTML).
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCED_CODE = FencedBlockPreprocessor.FENCED_BLOCK_RE
# What any refused attribute or scheme needs, for the quick look at a whole page (cases spelled out: a pattern
# without re.I is searched faster; any letter after "<" covers what [a-z] matches with re.I, such as "K").
_ATTRIBUTE_VALUE = re.compile(r"<[^\W\d_][^>=]*=|\{[^}=]*=")
_SCHEME_END = re.compile(r"[pP][\x00-\x20]*[tT][\x00-\x20]*:")


# Check every page of every language before anything is built (once, in the default language's build),
# listing every problem at once.
def on_files(files: Files, config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return
    root = os.path.dirname(config.config_file_path)
    problems = []
    for file in files.documentation_pages():
        text = file.content_string if file.generated_by else state(config).files.read(file.abs_src_path).text
        found = state(config).remembered(("raw HTML", text), lambda: unsafe_html(text))
        if found:
            name = os.path.relpath(os.path.join(config.docs_dir, file.src_path), root).replace(os.sep, "/")
            problems += [f"{name}:{line}: {problem}" for line, problem in found]
    if problems:
        raise PluginError("\n".join(problems))


# Each unsafe piece of raw HTML of a Markdown text, with its line number (front matter included). The text is
# read whole, so that a tag or a link split over lines is found too, at the line where its attribute or scheme is.
def unsafe_html(markdown: str) -> list[tuple[int, str]]:
    if not _suspect(markdown):
        return []
    text = "\n".join(html.unescape(_CODE_SPAN.sub(lambda code: " " * len(code.group()), line))
                     for line in _FENCED_CODE.sub(_blank_code, markdown).splitlines())
    found = []
    for pattern, explanation in _UNSAFE:
        found += [(match.start(1), explanation.format(match.group(1).lower())) for match in pattern.finditer(text)]
    found += [(match.start(1), _SCRIPT_URL_PROBLEM.format(re.sub(r"[\x00-\x20]", "", match.group(1)).lower()))
              for match in _SCRIPT_URL.finditer(text)]
    return sorted(((text.count("\n", 0, at) + 1, problem) for at, problem in found), key=lambda item: item[0])


# Whether anything in the text could be refused: a quick look at the whole text, so that only a page
# that may hold such HTML is read closely. It finds at least what the line-by-line reading finds:
# an element refused, a tag or attribute list with an "=", a "…pt:" that may end a script scheme.
def _suspect(markdown: str) -> bool:
    text = _CODE_SPAN.sub("", markdown) if "`" in markdown else markdown
    text = html.unescape(text) if "&" in text else text
    return bool(_UNSAFE[0][0].search(text) or _ATTRIBUTE_VALUE.search(text) or _SCHEME_END.search(text))


# A fenced block with its code blanked out, line breaks kept (its opening line stays: attributes { … } apply).
def _blank_code(block: re.Match) -> str:
    start, end = block.start("code") - block.start(), block.end("code") - block.start()
    return block.group()[:start] + re.sub(r"[^\n]", " ", block.group("code")) + block.group()[end:]
