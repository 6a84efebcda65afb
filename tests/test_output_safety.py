"""What the site publishes is held to an allowlist once built (hooks/output_safety.py, output_check.py,
output_allowlist.py): the checker on markup directly, then builds of project copies with unsafe pages, front
matter, data and files, which must be refused naming the file to change, or built safely."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from clinic_builds import build_for, output, project_copy, record_review
from conftest import ROOT, soup

sys.path.insert(0, str(ROOT / "hooks"))
from lib.output_check import Site, css_problems, html_problems, xml_problems  # noqa: E402
from raw_html import unsafe_html  # noqa: E402

SCRIPT = "assets/javascripts/site.0123abcd.js"
SITE = Site("mesotherapie.example", frozenset({SCRIPT}))
PAGE = "histoire/index.html"

# ---- The checker, on markup ---------------------------------------------------------------------------

REFUSED = [
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "javascript:"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript:"),
    ('<a href="&#x6A;avascript&colon;alert(1)">x</a>', "javascript:"),
    ('<a href="java\tscript:alert(1)">x</a>', "javascript:"),
    ('<a href="java&Tab;scr&NewLine;ipt:alert(1)">x</a>', "javascript:"),
    ('<a href=" \x01javascript:alert(1)">x</a>', "javascript:"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript:"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
    ('<a href="//evil.example/">x</a>', "//"),
    ('<a href="x" target="_top">x</a>', "target="),
    ('<IMG SRC="x.png" OnError="alert(1)">', "onerror="),
    ("<img src=x.png\nonerror=alert(1)>", "onerror="),
    ('<img src="https://evil.example/x.png" alt="">', "another address"),
    ('<img src="//evil.example/x.png" alt="">', "another host"),
    ('<img src="/\\evil.example/x.png" alt="">', "another host"),
    ('<img src="http://mesotherapie.example/x.png" alt="">', "another address"),
    ('<img src="x.png" srcset="https://evil.example/x.png 2x" alt="">', "srcset="),
    ('<svg><use href="https://evil.example/s.svg#a"/></svg>', "#id"),
    ('<svg><use xlink:href="data:image/svg+xml,x"/></svg>', "#id"),
    ('<svg><animate attributeName="href" values="0;javascript:alert(1)"/></svg>', "<animate>"),
    ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', "<set>"),
    ('<svg><image href="https://evil.example/x.png"/></svg>', "<image>"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "xlink:href="),
    ('<svg><path fill="url(https://evil.example/p.svg#p)" d="M0 0"/></svg>', "another file"),
    ('<svg><path fill="\\75rl(x)" d="M0 0"/></svg>', "another file"),
    ('<svg xmlns="http://www.w3.org/1999/xhtml"></svg>', "xmlns="),
    ('<form><button formaction="javascript:alert(1)">x</button></form>', "formaction="),
    ('<form action="https://evil.example/"></form>', "action="),
    ('<input type="image" src="x.png">', "type="),
    ('<base href="https://evil.example/">', "<base>"),
    ('<object data="https://evil.example/x.swf"></object>', "<object>"),
    ('<embed src="x.swf">', "<embed>"),
    ('<iframe src="https://video.example/"></iframe>', "<iframe>"),
    ('<video src="x.mp4"></video>', "<video>"),
    ('<math><mtext>x</mtext></math>', "<math>"),
    ('<template><img src=x onerror=alert(1)></template>', "<template>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "http-equiv"),
    ('<meta name="referrer" content="unsafe-url">', "name="),
    ('<link rel="stylesheet" href="//other.host/x.css">', "another host"),
    ('<link rel="preload" href="x.js" as="script">', "rel="),
    ("<script>alert(1)</script>", "inline <script>"),
    ('<script type="module">alert(1)</script>', "type="),
    ('<script type="text/javascript">alert(1)</script>', "type="),
    ('<script src="https://evil.example/x.js"></script>', "another address"),
    ('<script src="../assets/javascripts/other.js"></script>', "own scripts"),
    (f'<script src="../{SCRIPT}">alert(1)</script>', "empty"),
    ('<script type="application/ld+json">{"a": </script>', "not JSON"),
    ('<script type="application/ld+json">{"a": "<!--<script>"}</script>', "'<'"),
    ('<div data-search-script="x.js"></div>', "data-search-script="),
    ('<form data-search-script="../evil.js"></form>', "own scripts"),
    ('<p style="color: red">x</p>', "style="),
    ("<style>p { background: url(https://evil.example/) }</style>", "<style>"),
    ('<h2 id="a">A</h2><h2 id="a">B</h2>', "twice"),
    ("<!--><img src=x onerror=alert(1)>-->", "comment"),
    ("<!-- a --!><img src=x onerror=alert(1)> -->", "comment"),
    ("<svg><![CDATA[x]]></svg>", "declaration"),
    ("<?xml-stylesheet href='x.xsl'?>", "instruction"),
]


@pytest.mark.parametrize("markup,expected", REFUSED)
def test_the_checker_refuses(markup, expected):
    problems = html_problems(f"<p>text</p>{markup}", PAGE, SITE)
    assert any(expected in problem.message for problem in problems), problems


ALLOWED = [
    '<a href="https://example.org/a?b=c#d">x</a> <a href="http://example.org/">x</a>',
    '<a href="mailto:cabinet@example.org">x</a> <a href="tel:+33199001234">x</a>',
    '<a href="../faq/#qui-pratique">x</a> <a href="#top">x</a> <a href="/">x</a>',
    '<a href="https://squidfunk.github.io/" target="_blank" rel="noopener">x</a>',
    '<img src="../assets/images/clinic-logo.0123abcd.svg" alt="logo">',
    '<img src="https://mesotherapie.example/x.png" alt="">',
    f'<script src="../{SCRIPT}" defer></script> <script src="/{SCRIPT}" defer></script>',
    '<script type="application/ld+json">{"name": "\\u003cb\\u003e", "url": "https://mesotherapie.example/"}</script>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 2h3z" fill="url(#g)"/></svg>',
    '<svg><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
    '<use href="#g"/></svg>',
    '<meta name="description" content="Une &quot;description&quot; &lt;entre&gt; guillemets">',
    '<p>1 &lt; 2 &amp; 3 &gt; 2</p> <!-- a plain comment -->',
    '<form class="md-search__form" name="search" data-search-index="search/index.json" '
    f'data-search-script="../{SCRIPT}"></form>',
]


@pytest.mark.parametrize("markup", ALLOWED)
def test_the_checker_allows_what_the_site_writes(markup):
    assert html_problems(f"<!doctype html><html><body>{markup}</body></html>", PAGE, SITE) == []


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("document,expected", [
    (SVG.format("<script>alert(1)</script>"), "<script>"),
    (SVG.format('<circle r="1" onload="alert(1)"/>'), "onload="),
    (SVG.format("<foreignObject><p>x</p></foreignObject>"), "<foreignobject>"),
    (SVG.format('<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(1)"/>'), "<a>"),
    ('<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>' + SVG.format("&x;"), "DOCTYPE"),
    ('<?xml-stylesheet href="https://evil.example/x.css"?>' + SVG.format(""), "xml-stylesheet"),
    (SVG.format('<rect width="1" style="fill:red"/>'), "style="),
    (SVG.format("<rect"), "not well-formed"),
])
def test_svg_files_are_read_as_xml_and_refused(document, expected):
    problems = xml_problems(document.encode(), "images/x.svg", SITE)
    assert any(expected in problem.message for problem in problems), problems


def test_plain_svg_with_a_public_doctype_is_allowed():
    document = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
                + SVG.format('<g transform="translate(1 1)"><rect width="2" height="2" fill="#1d4e89"/>'
                             '<text x="1" y="1" font-size="2">Rhône &amp; Sport</text></g>'))
    assert xml_problems(document.encode(), "images/x.svg", SITE) == []


@pytest.mark.parametrize("stylesheet,expected", [
    ('@import url("https://evil.example/x.css");', ["@import", "another address"]),
    ("a{background:url(//evil.example/x.png)}", ["another host"]),
    ("a{background:url( 'https://evil.example/x.png' )}", ["another address"]),
    ("a{background:url(data:text/html,x)}", ["another address"]),
    ("a{mask-image:url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\")}"
     "b{background:url(../images/x.png)}", []),
])
def test_stylesheets_load_nothing_from_elsewhere(stylesheet, expected):
    problems = css_problems(stylesheet, "assets/stylesheets/site.css", SITE)
    assert [word for word, problem in zip(expected, problems) if word in problem.message] == expected, problems
    assert len(problems) == len(expected), problems


# ---- The quick look at the Markdown (hooks/raw_html.py): the first message, at the author's line ----------

@pytest.mark.parametrize("markdown,expected", [
    ('Text.\n\n<img alt=""\nonerror="alert(1)">\n', [(4, "onerror=")]),
    ("See [x](\njavascript:alert(1)).\n", [(2, "javascript:")]),
    ("See [x][r].\n\n[r]:\n  java&#x09;script:alert(1)\n", [(4, "javascript:")]),
    ('<a href=\n"JAVA\tSCRIPT:alert(1)">x</a>\n', [(2, "javascript:")]),
    ("~~~ not a fence\n<script>alert(1)</script>\n~~~\n", [(2, "<script>")]),
    ("Text.\n\n    ```\n<script>alert(1)</script>\n    ```\n", [(4, "<script>")]),
    ('~~~ {onclick="alert(1)"}\ncode\n~~~\n', [(1, "onclick=")]),
    ("```html\n<script>shown as code</script>\n```\n\nSome `<script>` text.\n", []),
])
def test_the_quick_look_reads_tags_links_and_fences_as_markdown_does(markdown, expected):
    found = unsafe_html(markdown)
    assert [(line, what) for (line, problem), (_, what) in zip(found, expected) if what in problem] == expected, found
    assert len(found) == len(expected), found


# ---- Builds of unsafe pages --------------------------------------------------------------------------

# (page, Markdown added at its end after a paragraph, line of the refused part in it, what the message names).
# English pages: a change to a French page would leave its translation behind, a warning of its own.
UNSAFE_PAGES = [
    ("docs/en/histoire.md", '<a href="&#106;avascript:alert(1)">x</a>\n', 1, "javascript:"),
    ("docs/en/indications.md", "~~~ not a fence\n<script>alert(2)</script>\n~~~\n", 2, "inline <script>"),
    ("docs/en/methode.md", "    ```\n<script>alert(3)</script>\n    ```\n", 2, "inline <script>"),
    ("docs/en/faq.md", '<img alt=""\nonerror="alert(4)" src="x.png">\n', 2, "onerror="),
    ("docs/en/glossaire.md", '<a href=\n"javascript:alert(5)">x</a>\n', 2, "javascript:"),
    ("docs/en/sources.md", "See [x](\njavascript:alert(6)).\n", 2, "javascript:"),
    ("docs/en/index.md", "See [the page][p].\n\n[p]:\n    javascript:alert(7)\n", 4, "javascript:"),
    ("docs/en/contre-indications.md", '<svg><animate attributeName="href" values="0;javascript:alert(8)"/></svg>\n',
     1, "<animate>"),
    ("docs/en/effets-indesirables.md", '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n', 1,
     "http-equiv"),
    ("docs/en/apres-seance.md", "<link rel=stylesheet href=//other.host/x.css>\n", 1, "another host"),
    ("docs/en/cabinet.md", "![Before](https://other.host/photo.png)\n", 1, "another address"),
    ("docs/en/mentions-legales.md", "[Open](data:text/html,<b>x</b>)\n", 1, "data:"),
]
EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><script>alert(9)</script></svg>\n'


@pytest.fixture(scope="module")
def unsafe_project(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """A project copy with every unsafe page above, an SVG image with a script in docs/, and the example
    clinic's logo with a script; returns its mkdocs.yml and each page's first added line."""
    folder = tmp_path_factory.mktemp("unsafe")
    config = project_copy(folder)
    first_lines = {}
    for page, markdown, _, _ in UNSAFE_PAGES:
        path = folder / page
        text = path.read_text(encoding="utf-8")
        first_lines[page] = len(text.splitlines()) + 4
        path.write_text(text + "\nSome text.\n\n" + markdown, encoding="utf-8")
    (folder / "docs/fr/schema.svg").write_text(EVIL_SVG, encoding="utf-8")
    logo = folder / "examples/lyon-logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("</svg>", "<script>alert(10)</script></svg>"),
                    encoding="utf-8")
    clinic = folder / "examples/lyon-clinic.yml"
    record_review(config, clinic, yaml.safe_load(clinic.read_text(encoding="utf-8"))["medical_review"]["by"])
    return config, first_lines


def test_the_source_check_refuses_unsafe_pages_first(unsafe_project, tmp_path):
    config, _ = unsafe_project
    result = build_for(tmp_path / "site", config=config)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    for page in ("docs/en/histoire.md", "docs/en/faq.md", "docs/en/glossaire.md", "docs/en/sources.md",
                 "docs/en/index.md"):
        assert re.search(rf"{re.escape(page)}:\d+: ", text), (page, text)


def test_the_built_site_is_checked_whatever_the_source_check_missed(unsafe_project, tmp_path):
    """The same pages with the quick look at the Markdown taken out: the check of the built site refuses every
    one, each with its source file and line, and the SVG image and logo with theirs."""
    config, first_lines = unsafe_project
    without_quick_look = config.with_name("mkdocs-output-only.yml")
    without_quick_look.write_text(re.sub(r"(?m)^\s*- hooks/raw_html\.py.*\n", "", config.read_text(encoding="utf-8")),
                                  encoding="utf-8")
    result = build_for(tmp_path / "site", clinic=config.parent / "examples/lyon-clinic.yml", config=without_quick_look)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    for page, _, offset, expected in UNSAFE_PAGES:
        line = first_lines[page] + offset - 1
        assert re.search(rf"^{re.escape(page)}:{line}: .*{re.escape(expected)}.* — ", text, re.M), (page, line, text)
    assert re.search(r"^docs/fr/schema\.svg: <script> is not allowed.*\(schema\.svg, line 1\)", text, re.M), text
    assert re.search(r"^examples/lyon-logo\.svg: <script> is not allowed", text, re.M), text


# ---- Front matter, data and files ------------------------------------------------------------------------

def _set(path: Path, field: str, value: str) -> None:
    """A top-level front matter field's (or a reviewer's name's) value, as YAML text."""
    text, count = re.subn(rf"(?m)^(\s*){field}:.*$", lambda m: f"{m.group(1)}{field}: {value}",
                          path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def test_markup_in_front_matter_and_a_medical_page_as_clinic_page_are_refused(tmp_path):
    config = project_copy(tmp_path / "project")
    docs = tmp_path / "project/docs"
    _set(docs / "en/histoire.md", "title", '"History\\x3c/title\\x3e\\x3cscript\\x3ealert(1)\\x3c/script\\x3e"')
    _set(docs / "en/faq.md", "description",
         '"Questions about mesotherapy\\x22\\x3e\\x3cimg src=x onerror=alert(1)\\x3e, answered for patients in plain words."')
    _set(docs / "fr/indications.md", "description",
         '"Indications\\x22\\x3e\\x3cimg src=x onerror=alert(1)\\x3e de la mésothérapie, expliquées simplement aux patients."')
    _set(docs / "fr/methode.md", "title", '"Séance\\x07"')
    text = (docs / "fr/histoire.md").read_text(encoding="utf-8")
    (docs / "fr/histoire.md").write_text(text.replace("---\n", "---\nkind: clinic\n", 1), encoding="utf-8")
    result = build_for(tmp_path / "site", config=config)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    for expected in ("docs/en/histoire.md: title: holds '<'", "docs/en/faq.md: description: holds '>'",
                     "docs/fr/indications.md: description: holds '>'", "docs/fr/methode.md: title: holds '\\x07'",
                     "docs/fr/histoire.md: kind: clinic is only for the pages about the practice"):
        assert expected in text, (expected, text)


def test_markup_in_the_bibliography_is_refused(tmp_path):
    config = project_copy(tmp_path / "project")
    sources = tmp_path / "project/data/sources.yml"
    data = yaml.safe_load(sources.read_text(encoding="utf-8"))
    first, second = list(data)[:2]
    data[first]["title"] = "Mésothérapie<script>alert(1)</script>"
    data[second]["language"] = 'fr" onmouseover="alert(1)'
    sources.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_for(tmp_path / "site", config=config)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    assert f"data/sources.yml: {first}: title: holds '<'" in text, text
    assert f"data/sources.yml: {second}: language: " in text and "not a language code" in text, text


def test_files_docs_may_not_publish_are_refused(tmp_path):
    config = project_copy(tmp_path / "project")
    docs = tmp_path / "project/docs"
    (docs / "fr/extra.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "en/extra.js").write_text("alert(1)", encoding="utf-8")
    (docs / "assets/javascripts/more.js").write_text("alert(1)", encoding="utf-8")
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG")
    os.symlink(outside, docs / "fr/linked.png")
    result = build_for(tmp_path / "site", config=config)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    for expected in ("docs/fr/extra.html: a .html file is not published", "docs/en/extra.js: a script",
                     "docs/assets/javascripts/more.js: a script", "docs/fr/linked.png: leads out of the project"):
        assert expected in text, (expected, text)


# ---- Safe output, and a policy that does not depend on the pages --------------------------------------------

@pytest.fixture(scope="module")
def quoted_site(tmp_path_factory) -> Path:
    """A site whose pages hold quotes, ampersands and code that looks like HTML: built, escaped."""
    folder = tmp_path_factory.mktemp("quoted")
    config = project_copy(folder / "project")
    docs = folder / "project/docs"
    _set(docs / "en/faq.md", "description",
         '"Answers to the \\"usual\\" questions about mesotherapy & pain, for patients, in plain words."')
    page = docs / "en/histoire.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSome text `<script>alert(document.domain)</script>` here.\n"
                    "\n```html\n<script>alert(document.domain)</script>\n```\n", encoding="utf-8")
    # A reviewing physician whose name holds quotes and an ampersand, as the clinic file may write it.
    clinic = folder / "project/examples/lyon-clinic.yml"
    data = yaml.safe_load(clinic.read_text(encoding="utf-8"))
    data["practitioners"][0]["name"] = 'Dr Claire "Exemple" & Co'
    clinic.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    record_review(config, clinic, 'Dr Claire "Exemple" & Co')
    result = build_for(folder / "site", clinic=clinic, config=config)
    assert result.returncode == 0, output(result)
    return folder / "site"


def test_quotes_in_front_matter_are_escaped_not_cut(quoted_site):
    page = soup(quoted_site / "en/faq/index.html")
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        'Answers to the "usual" questions about mesotherapy & pain, for patients, in plain words.')
    assert 'Dr Claire "Exemple" & Co' in page.find(class_="site-review").get_text()


def test_html_in_code_is_shown_as_text(quoted_site):
    page = soup(quoted_site / "en/histoire/index.html")
    assert not [script for script in page.find_all("script") if "alert" in script.get_text()]
    codes = [code.get_text().strip() for code in page.find_all("code")]
    assert codes.count("<script>alert(document.domain)</script>") == 2, codes  # inline, and a fenced block


def test_the_security_policy_does_not_depend_on_the_pages(quoted_site, example_site):
    # The same clinic, other pages: the same server configuration.
    assert (quoted_site / "nginx.conf").read_text(encoding="utf-8") == (example_site / "nginx.conf").read_text(encoding="utf-8")
    assert "script-src 'self';" in (example_site / "nginx.conf").read_text(encoding="utf-8")
