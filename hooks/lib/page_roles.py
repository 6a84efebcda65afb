"""What a page is for: medical content, the glossary, the FAQ, or the clinic."""
from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.structure.pages import Page

# Front matter `kind: clinic`: the practice page and the legal notice, about the clinic rather than
# about health, so they carry no review, sources, reading level, care box or disclaimer.
CLINIC = "clinic"
# The only pages that may be clinic pages (any other page is medical content, with its review and sources).
CLINIC_PAGES = ("cabinet.md", "mentions-legales.md")
# Pages with a role of their own have the same file name in every language.
GLOSSARY = "glossaire.md"
FAQ = "faq.md"


# Is this front matter a clinic page's?
def is_clinic(meta: dict) -> bool:
    return meta.get("kind") == CLINIC


# Is this page the given one (GLOSSARY, FAQ) in its language?
def is_page(page: Page, name: str) -> bool:
    return PurePosixPath(page.file.src_uri).name == name
