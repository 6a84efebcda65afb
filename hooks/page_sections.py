"""A page's HTML split into sections at its headings (a helper module for the hooks, not a hook itself):
search indexes them, the FAQ's structured data reads its questions from them."""
from __future__ import annotations

from html.parser import HTMLParser


# The page's sections, each {"level", "anchor", "title", "text"}, cut at the given heading tags; the text
# before the first heading is a section of level 0 with no title.
def sections(html: str, headings: tuple[str, ...] = ("h1", "h2", "h3")) -> list[dict]:
    parser = _Splitter(set(headings))
    parser.feed(html)
    parser.close()
    return [
        {"level": s["level"], "anchor": s["anchor"], "title": " ".join("".join(s["title"]).split()),
         "text": " ".join("".join(s["text"]).split())}
        for s in parser.sections if "".join(s["title"]).strip() or "".join(s["text"]).strip()
    ]


class _Splitter(HTMLParser):
    """Collects each heading's id and text, and the plain text after it; permalink signs are left out."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    BLOCKS = {"p", "li", "dd", "dt", "td", "th", "div"}

    def __init__(self, headings: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.headings = headings
        self.sections = [{"level": 0, "anchor": "", "title": [], "text": []}]
        self.in_heading = False
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        if self.skip or (tag == "a" and "headerlink" in (attributes.get("class") or "")):
            self.skip += 1
        elif tag in self.headings:
            self.sections.append({"level": int(tag[1]), "anchor": attributes.get("id") or "", "title": [], "text": []})
            self.in_heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.skip:
            self.skip -= 1
        elif tag in self.headings:
            self.in_heading = False
        elif tag in self.BLOCKS:
            self.sections[-1]["text"].append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.sections[-1]["title" if self.in_heading else "text"].append(data)
