"""The built site's pages, SVG images and sitemap held to hooks/lib/output_allowlist.py (a helper module for
hooks/output_safety.py, not a hook itself).

HTML is read with the standard library's HTMLParser, which finds a tag wherever a browser does (it sees more
tags than a browser, never fewer, outside <script> and comments, which are checked for what could hide one).
SVG and XML are read with expat, as browsers read them as XML: a document type with entities of its own, an
entity or a processing instruction is refused, so that nothing is expanded into markup this check did not see.
"""
from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urlsplit
from xml.parsers import expat

from . import output_allowlist as allow

_IGNORED_IN_ADDRESSES = re.compile(r"[\t\n\r]")
_STRIPPED_AROUND_ADDRESSES = "".join(map(chr, range(33)))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# What in a stylesheet loads a file: @import, and url(…) with its address (quoted or not).
_CSS_LOAD = re.compile(r"""@import|url\(\s*(["']?)([^"')]*)""", re.I)
# Each element's allowed attributes, in HTML (with inline SVG) and in SVG or XML files (aria-* aside).
_HTML_ATTRIBUTES = {
    tag: frozenset(allow.GLOBAL | allow.DATA | allow.HTML.get(tag, set()) | allow.SVG.get(tag, set())
                   | (allow.SVG_ATTRIBUTES if tag in allow.SVG else set()))
    for tag in allow.HTML.keys() | allow.SVG.keys()}
_XML_ATTRIBUTES = {
    **{tag: frozenset(attributes) for tag, attributes in allow.SITEMAP.items()},
    **{tag: frozenset(allow.GLOBAL | attributes | allow.SVG_ATTRIBUTES | {"xml:space"})
       for tag, attributes in allow.SVG.items()}}


class Problem(NamedTuple):
    """One thing the site may not contain: where in the built file, what to change, and a word to find it
    by in the page's Markdown."""

    line: int
    message: str
    clue: str


class Site(NamedTuple):
    """What a file's addresses are judged against: the site's own host name, and its own published scripts
    (paths from the site's root)."""

    host: str
    scripts: frozenset[str]


# Every problem of an HTML file, published at path (from the site's root).
def html_problems(text: str, path: str, site: Site) -> list[Problem]:
    return HTMLCheck(site).problems(text, path)


class HTMLCheck:
    """The HTML files of one build, checked one after the other. Menus, headers and footers repeat the same
    lines on every page, and pages the same tags: a line that starts and ends outside any tag, comment or
    script, and a whole start tag, read the same wherever they are, so what they hold (problems, ids) is
    remembered and not parsed again."""

    # Lines remembered at most: enough for what every page repeats, bounded for sites of thousands of pages.
    REMEMBERED = 50_000

    def __init__(self, site: Site) -> None:
        self.site = site
        self._lines: dict[str, tuple] = {}  # a line → () if it holds nothing to note, else (problems, ids)
        self.tags: dict[str, tuple] = {}  # a start tag as written → (its name, problems, ids)

    # Every problem of an HTML file, published at path (from the site's root). A line met before is skipped
    # (only its problems and ids are repeated, if it had any): it reads the same here.
    def problems(self, text: str, path: str) -> list[Problem]:
        rules = _Rules(path, self.site, xml=False)
        reader = _HTMLReader(rules, self)
        lines = self._lines
        for number, line in enumerate(text.splitlines(keepends=True), 1):
            between_tags = not reader.rawdata and reader.cdata_elem is None
            if between_tags:
                known = lines.get(line)
                if known is not None:
                    if known:
                        rules.repeat(number, *known)
                    reader.lineno += 1
                    continue
            found, ids = len(rules.problems), len(rules.id_list)
            rules.path_dependent = False
            reader.feed(line)
            if between_tags and not reader.rawdata and reader.cdata_elem is None and not rules.path_dependent:
                problems, new_ids = rules.since(found, ids, number)
                self.remember(lines, line, (problems, new_ids) if problems or new_ids else ())
        reader.close()
        return rules.problems

    # Remember what a line or a tag holds, within REMEMBERED entries.
    def remember(self, known: dict[str, tuple], text: str, holds: tuple) -> None:
        if len(known) >= self.REMEMBERED:
            known.clear()
        known[text] = holds


# Every problem of an SVG or XML file, published at path (from the site's root).
def xml_problems(data: bytes, path: str, site: Site) -> list[Problem]:
    rules = _Rules(path, site, xml=True)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    # Stop at what would expand into markup (entities, a document type with its own declarations) or ask the
    # browser for another file (processing instructions such as <?xml-stylesheet?>).
    def refuse(what: str) -> None:
        raise _Refused(Problem(parser.CurrentLineNumber, f"{what} is not allowed in an SVG or XML file — "
                               "save the file again without it (plain SVG: shapes, text, colours)", what))

    def doctype(name: str, system: str | None, public: str | None, internal: int) -> None:
        if internal:
            refuse("a DOCTYPE with declarations of its own")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = lambda name, *_: refuse(f"the entity declaration {name}")
    parser.SkippedEntityHandler = lambda name, *_: refuse(f"the entity &{name};")
    parser.ExternalEntityRefHandler = lambda *_: refuse("an external entity")
    parser.ProcessingInstructionHandler = lambda target, _: refuse(f"the processing instruction <?{target}?>")
    parser.StartElementHandler = lambda name, attributes: rules.start(
        name.lower(), [(key.lower(), value) for key, value in attributes.items()], parser.CurrentLineNumber)
    parser.CharacterDataHandler = rules.text
    parser.EndElementHandler = lambda name: rules.end(name.lower(), parser.CurrentLineNumber)
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        rules.problems.append(refused.problem)
    except expat.ExpatError as error:
        rules.problems.append(Problem(error.lineno, f"not well-formed XML ({expat.ErrorString(error.code)}) — "
                                      "save the file again from the program that made it", ""))
    return rules.problems


# Every problem of a stylesheet (the site's own and the clinic's colours): no @import, and every url() a file of
# the site or an image written inline (data:image/…, Material's icons), so that no rule loads from another host.
def css_problems(text: str, path: str, site: Site) -> list[Problem]:
    rules = _Rules(path, site, xml=False)
    for found in _CSS_LOAD.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        address = (found.group(2) or "").strip()
        if found.group(0).startswith("@"):
            rules.problems.append(Problem(line, "@import loads another stylesheet — put its rules in docs/assets/site.css",
                                          "@import"))
        elif not address.lower().startswith("data:image/"):
            problem = rules._address_problem(address, allow.LOAD)
            if problem:
                rules.problems.append(Problem(line, f"url({_short(address)}) {problem}", _clue(address)))
    return rules.problems


class _Refused(Exception):
    """Raised from an expat handler: the file holds something the check will not read further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Rules:
    """The allowlist applied to one file's elements, attributes and addresses, as a parser meets them."""

    def __init__(self, path: str, site: Site, xml: bool) -> None:
        self.path, self.site = path, site
        self.allowed = _XML_ATTRIBUTES if xml else _HTML_ATTRIBUTES  # each element's attributes, aria-* aside
        self.problems: list[Problem] = []
        self.ids: set[str] = set()
        self.id_list: list[str] = []  # the same, in order, for HTMLCheck to repeat a line's
        self.path_dependent = False  # whether an address was judged from where the file is (its scripts)
        self.script: tuple[int, dict] | None = None  # the <script> being read: its line and attributes
        self.script_text: list[str] = []

    # An element and its attributes.
    def start(self, tag: str, attributes: list[tuple[str, str | None]], line: int) -> None:
        if tag not in self.allowed:
            self._problem(line, f"<{tag}> is not allowed on the site — pages are text for patients, without scripts, "
                                "styles, frames, embedded objects or animations; remove it", f"<{tag}")
            return
        for name, value in attributes:
            self._attribute(tag, name, value or "", line)
        if tag == "script":
            self.script, self.script_text = (line, dict(attributes)), []

    # Text: kept while inside a <script>, whose text must be JSON-LD.
    def text(self, data: str) -> None:
        if self.script:
            self.script_text.append(data)

    # The end of an element: a <script> is judged once its text is known.
    def end(self, tag: str, line: int) -> None:
        if tag == "script" and self.script:
            (start, attributes), text = self.script, "".join(self.script_text)
            self.script = None
            if "src" in attributes:
                if text.strip():
                    self._problem(start, "a <script src> with text inside — leave it empty", "<script")
            elif attributes.get("type") != "application/ld+json":
                self._problem(start, "an inline <script> runs code — only the site's own script files run; remove it "
                                     "(pages hold no code)", "<script")
            elif "<" in text:
                self._problem(start, "structured data (JSON-LD) with a '<' — write it as \\u003c", "<script")
            else:
                try:
                    json.loads(text)
                except ValueError as error:
                    self._problem(start, f"structured data (JSON-LD) that is not JSON ({error}) — fix the data", "<script")

    # Something the HTML parser could not read as a tag: refused, since a browser may read it as one.
    def unreadable(self, what: str, line: int) -> None:
        self._problem(line, f"{what} the site's check cannot read — remove it, or write < as &lt;", what[:12])

    # One attribute of an allowed element.
    def _attribute(self, tag: str, name: str, value: str, line: int) -> None:
        if name.startswith("on"):
            self._problem(line, f"{name}= on <{tag}> runs a script — remove the attribute; pages hold no code", name)
        elif name == "style":
            self._problem(line, f"style= on <{tag}> is an inline style, which the site's security policy blocks — "
                                "use a class from docs/assets/site.css (SVG: presentation attributes such as fill=)", name)
        elif name == "http-equiv":
            self._problem(line, "<meta http-equiv> (a refresh, a redirect or a policy) is not allowed — remove it", name)
        elif name not in self.allowed[tag] and not name.startswith("aria-"):
            self._problem(line, f"{name}= is not allowed on <{tag}> — remove it", name)
        elif not self._allowed_value(tag, name, value):
            self._problem(line, f"{name}=\"{_short(value)}\" is not allowed on <{tag}> — remove it", name)
        elif (tag, name) in allow.URLS:
            problem = self._address_problem(value, allow.URLS[tag, name])
            if problem:
                self._problem(line, f"{name}=\"{_short(value)}\" on <{tag}>: {problem}", _clue(value))
        elif name in allow.SVG_ATTRIBUTES and tag in allow.SVG and not re.fullmatch(allow.PLAIN_SVG_VALUE, value):
            self._problem(line, f"{name}=\"{_short(value)}\" on <{tag}> refers to another file or holds an escape — "
                                "use plain values (colours, numbers, url(#id))", name)
        if name == "id":
            self._note_id(value, line)

    # The problems (their lines counted from the given line) and ids noted since the counts given.
    def since(self, problems: int, ids: int, line: int) -> tuple[list[Problem], list[str]]:
        return [problem._replace(line=problem.line - line) for problem in self.problems[problems:]], self.id_list[ids:]

    # A line met before, in another file: its problems and ids again, at this line.
    def repeat(self, line: int, problems: list[Problem], ids: list[str]) -> None:
        self.problems += [problem._replace(line=problem.line + line) for problem in problems]
        for value in ids:
            self._note_id(value, line)

    # An id, which a page holds once.
    def _note_id(self, value: str, line: int) -> None:
        if value in self.ids:
            self._problem(line, f"id=\"{_short(value)}\" is used twice in the page — give each heading or "
                                "element its own id", value)
        self.ids.add(value)
        self.id_list.append(value)

    # What is wrong with an address, for what the browser does with it (output_allowlist.URLS); None if nothing.
    def _address_problem(self, value: str, kind: str) -> str | None:
        # Browsers drop tabs and line breaks anywhere in an address and spaces around it, and read \ as /.
        url = _IGNORED_IN_ADDRESSES.sub("", value).strip(_STRIPPED_AROUND_ADDRESSES).replace("\\", "/")
        if kind == allow.FRAGMENT:
            return None if url.startswith("#") else "only a shape of the same image (#id) may be used — draw it in this file"
        scheme = _SCHEME.match(url)
        if kind == allow.LINK:
            if scheme and scheme.group(1).lower() not in allow.LINK_SCHEMES:
                return (f"a {scheme.group(1).lower()}: address is not a page — link to a page of the site, "
                        "a web address (https://…), mailto: or tel:")
            if not scheme and url.startswith("//"):
                return "an address starting with // — write the whole web address, https://…"
            return None
        if scheme and (scheme.group(1).lower() != "https" or urlsplit(url).hostname != self.site.host):
            return ("loads a file from another address — the site loads nothing from elsewhere: "
                    "put the file in docs/ and refer to it by its path")
        if not scheme and url.startswith("//"):
            return "loads a file from another host — put the file in docs/ and refer to it by its path"
        if kind == allow.SCRIPT:
            self.path_dependent = True
            path = urlsplit(url).path
            target = path if scheme or path.startswith("/") else posixpath.join(posixpath.dirname(self.path), path)
            if posixpath.normpath("/" + target).lstrip("/") not in self.site.scripts:
                return "is not one of the site's own scripts — pages load no other script"
        return None

    # Whether the value is one of those allowed, where only some are.
    def _allowed_value(self, tag: str, name: str, value: str) -> bool:
        allowed = allow.VALUES.get((tag, name)) or allow.SITEMAP_VALUES.get((tag, name))
        if allowed is None:
            return True
        words = value.lower().split() if name == "rel" else [value.strip().lower()]
        return bool(words) and all(word in allowed for word in words)

    def _problem(self, line: int, message: str, clue: str) -> None:
        self.problems.append(Problem(line, message, clue))


class _HTMLReader(HTMLParser):
    """HTMLParser handing each tag to the rules. Character references are left in text (so that a '<' left in
    text can only be a tag the parser could not read); attribute values are decoded, as browsers do."""

    def __init__(self, rules: _Rules, check: HTMLCheck) -> None:
        super().__init__(convert_charrefs=False)
        self.rules, self.check = rules, check

    # A start tag: one met before, whole and as written, is not parsed or judged again (a <script> always is:
    # the text after it is read in its own way; so is an address judged from where the file is).
    def parse_starttag(self, i: int) -> int:
        end = self.check_for_whole_start_tag(i)
        if end < 0:
            return end
        text, line = self.rawdata[i:end], self.getpos()[0]
        known = self.check.tags.get(text)
        if known is not None:
            self.lasttag = known[0]
            self.rules.repeat(line, known[1], known[2])
            return end
        found, ids, line_path_dependent = len(self.rules.problems), len(self.rules.id_list), self.rules.path_dependent
        self.rules.path_dependent = False
        end = super().parse_starttag(i)
        if self.cdata_elem is None and self.lasttag != "script" and not self.rules.path_dependent:
            self.check.remember(self.check.tags, text, (self.lasttag, *self.rules.since(found, ids, line)))
        self.rules.path_dependent = self.rules.path_dependent or line_path_dependent
        return end

    # An element.
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.rules.start(tag, attrs, self.getpos()[0])

    # An element written <br/>: the same.
    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.rules.start(tag, attrs, self.getpos()[0])
        self.rules.end(tag, self.getpos()[0])

    # The end of an element.
    def handle_endtag(self, tag: str) -> None:
        self.rules.end(tag, self.getpos()[0])

    # Text: a '<' in it is a tag the parser could not read (outside <script>, whose text is read whole).
    def handle_data(self, data: str) -> None:
        if "<" in data and not self.rules.script:
            self.rules.unreadable(f"the markup {_short(data.strip())!r}", self.getpos()[0])
        self.rules.text(data)

    # A comment: browsers end one at "-->", "--!>", or "<!-->": one holding < or > could hide a tag.
    def handle_comment(self, data: str) -> None:
        if "<" in data or ">" in data or data.startswith("-"):
            self.rules.unreadable(f"the comment <!--{_short(data)}-->", self.getpos()[0])

    # <!doctype html>, and no other declaration.
    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.rules.unreadable(f"the declaration <!{_short(decl)}>", self.getpos()[0])

    # <![CDATA[…]]> and the like: text in SVG for a browser, unknown to HTML.
    def unknown_decl(self, data: str) -> None:
        self.rules.unreadable(f"the declaration <![{_short(data)}]>", self.getpos()[0])

    # <?…>: not HTML.
    def handle_pi(self, data: str) -> None:
        self.rules.unreadable(f"the instruction <?{_short(data)}>", self.getpos()[0])


# A value as short as a message can quote it.
def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"


# What to look for in a page's Markdown for a bad address: the address without its spaces, at most 40 characters.
def _clue(value: str) -> str:
    return re.sub(r"\s", "", value)[:40]
