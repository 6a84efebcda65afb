"""What the built site may contain (data for hooks/output_check.py, not a hook itself): the elements and
attributes that Material's templates, the site's own templates and the Markdown of patient pages produce,
and nothing that runs code, styles inline or loads anything from another host.

Widen it only for what a page legitimately needs, and only with elements and attributes that cannot run
code or load anything: the build refuses everything else, whatever wrote it.
"""
from __future__ import annotations

# Attributes any element may carry (aria-* attributes too: they only describe).
GLOBAL = {"id", "class", "lang", "title", "dir", "hidden", "role", "tabindex", "translate"}
# The data-* attributes the site's templates write and its script reads (any other is refused, so that a page
# cannot feed the script an address: data-search-* are checked as addresses, see URLS).
DATA = {"data-md-color-accent", "data-md-color-primary", "data-md-color-scheme", "data-md-component",
        "data-md-level", "data-md-scrollfix", "data-md-toggle", "data-md-type", "data-none", "data-one",
        "data-other", "data-placeholder", "data-site-language", "data-site-offer", "data-site-open-search"}

_TEXT = ("em", "strong", "small", "s", "cite", "q", "dfn", "abbr", "code", "var", "samp", "kbd", "sub", "sup",
         "i", "b", "u", "mark", "bdi", "span", "br", "wbr", "hr", "p", "div", "pre", "blockquote", "figure",
         "figcaption", "header", "footer", "main", "nav", "article", "section", "aside", "address", "h1", "h2",
         "h3", "h4", "h5", "h6", "ul", "dl", "dt", "dd", "caption", "tbody", "thead", "tfoot", "tr", "summary")
# HTML elements and their own attributes (beyond GLOBAL, aria-* and DATA).
HTML = {
    **{name: set() for name in _TEXT},
    "html": set(), "head": set(), "body": set(), "title": set(),
    "meta": {"charset", "name", "content"},
    "link": {"rel", "href", "hreflang", "type", "sizes"},
    "script": {"src", "defer", "type"},
    "a": {"href", "hreflang", "rel", "target", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "ins": {"datetime"}, "del": {"datetime"}, "time": {"datetime"}, "data": {"value"}, "bdo": set(),
    "table": set(), "colgroup": {"span"}, "col": {"span"},
    "td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "details": {"open"},
    # The search box (partials/search.html) and Material's CSS-only menus: no action, no formaction.
    "form": {"name", "data-search-index", "data-search-script", "data-correction"},
    "input": {"type", "name", "placeholder", "autocapitalize", "autocomplete", "spellcheck", "checked", "value"},
    "button": {"type", "value"}, "label": {"for"},
    "svg": {"xmlns", "xmlns:xlink"},
}
# Values an attribute may take where only a few make sense (lower case).
VALUES = {
    ("meta", "name"): {"description", "viewport", "robots"},
    ("link", "rel"): {"canonical", "alternate", "icon", "stylesheet"},
    ("a", "target"): {"_blank"},
    ("script", "type"): {"application/ld+json"},
    ("input", "type"): {"checkbox", "search", "text"},
    ("button", "type"): {"button", "reset", "submit"},
    ("svg", "xmlns"): {"http://www.w3.org/2000/svg"},
    ("svg", "xmlns:xlink"): {"http://www.w3.org/1999/xlink"},
}

# SVG, in pages (Material's icons) and in .svg files (images, the clinic's logo): shapes, gradients, text and
# <use> of a shape of the same file. No <script>, <foreignObject>, <image>, <a>, animations or <style>.
SVG = {name: set() for name in (
    "svg", "g", "defs", "symbol", "title", "desc", "path", "circle", "ellipse", "line", "polyline", "polygon",
    "rect", "text", "tspan", "lineargradient", "radialgradient", "stop", "clippath", "mask")}
SVG["svg"] = {"xmlns", "xmlns:xlink"}
SVG["use"] = {"href", "xlink:href"}
# Their presentation attributes; values are checked to be plain (see PLAIN_SVG_VALUE): no url() to another file.
SVG_ATTRIBUTES = {
    "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
    "fill", "fill-opacity", "fill-rule", "clip-rule", "clip-path", "mask", "stroke", "stroke-width",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "stroke-opacity", "opacity", "transform", "preserveaspectratio", "version", "offset", "stop-color",
    "stop-opacity", "gradientunits", "gradienttransform", "fx", "fy", "spreadmethod", "clippathunits",
    "maskunits", "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
    "letter-spacing", "dx", "dy", "focusable", "color", "visibility", "display",
}
# What a presentation attribute's value may hold: numbers, words, colours, lists, url(#id) — no quote, colon,
# slash or backslash, so no address of another file and no CSS escape.
PLAIN_SVG_VALUE = r"[\w\s#.,%()+\-]*"

# The sitemap (overrides/sitemap.xml), the only XML file besides SVG images.
SITEMAP = {"urlset": {"xmlns", "xmlns:xhtml"}, "url": set(), "loc": set(), "lastmod": set(),
           "xhtml:link": {"rel", "hreflang", "href"}}
SITEMAP_VALUES = {
    ("urlset", "xmlns"): {"http://www.sitemaps.org/schemas/sitemap/0.9"},
    ("urlset", "xmlns:xhtml"): {"http://www.w3.org/1999/xhtml"},
    ("xhtml:link", "rel"): {"alternate"},
}

# Attributes holding an address, by what the browser does with it:
# LINK the reader follows: a page of the site, https (or http), mailto:, tel:;
# LOAD the browser fetches by itself: a file of the site (relative, or https on the site's own host);
# SCRIPT: one of the site's own published script files;
# FRAGMENT: a shape of the same SVG (#id).
LINK, LOAD, SCRIPT, FRAGMENT = "link", "load", "script", "fragment"
URLS = {
    ("a", "href"): LINK,
    ("link", "href"): LOAD, ("img", "src"): LOAD, ("form", "data-search-index"): LOAD,
    ("xhtml:link", "href"): LOAD,
    ("script", "src"): SCRIPT, ("form", "data-search-script"): SCRIPT,
    ("use", "href"): FRAGMENT, ("use", "xlink:href"): FRAGMENT,
}
LINK_SCHEMES = {"https", "http", "mailto", "tel"}
