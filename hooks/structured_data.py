"""Structured data (schema.org JSON-LD) for each page: a medical web page about mesotherapy, reviewed by the
clinic's physician (its clinic file's medical_review), or said to be an unreviewed demo."""
from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lib import site_strings
from lib.build_state import for_every_page, language_state
from lib.page_roles import FAQ, is_clinic, is_page
from lib.page_sections import sections


# Keep the FAQ page's questions and answers as rendered from its Markdown, before other hooks add to it.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if is_page(page, FAQ):
        language_state(config).questions[page.file.src_uri] = [
            {"name": section["title"], "answer": section["text"]}
            for section in sections(html, headings=("h1", "h2"))
            if section["level"] == 2 and section["title"].endswith("?")
        ]
    return html


# Give the template the page's JSON-LD, ready to go into a <script type="application/ld+json">.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["structured_data"] = for_every_page(
        language_state(config).structured_data, page, nav,
        lambda each: _script_text({"@context": "https://schema.org", "@graph": _graph(each, config, nav)}))
    return context


# The site, the page and its breadcrumb trail, linked by their @id.
def _graph(page: Page, config: MkDocsConfig, nav: Navigation) -> list[dict]:
    language = config.theme["language"]
    home = nav.homepage.canonical_url if nav.homepage else config.site_url
    url = page.canonical_url
    title = page.meta.get("title") or page.title
    website = {"@type": "WebSite", "@id": f"{home}#website", "url": home, "name": config.site_name, "inLanguage": language}
    trail = [(nav.homepage.meta.get("title") or nav.homepage.title, home)] if nav.homepage else []
    if page is not nav.homepage:  # page.is_homepage is false for the other languages' home pages
        trail.append((title, url))
    breadcrumb = {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
        {"@type": "ListItem", "position": position, "name": name, "item": item}
        for position, (name, item) in enumerate(trail, 1)]}
    webpage = {"@type": "WebPage", "@id": f"{url}#webpage", "url": url, "name": title,
               "description": page.meta.get("description", ""), "inLanguage": language,
               "isPartOf": {"@id": website["@id"]}, "breadcrumb": {"@id": breadcrumb["@id"]}}
    if not is_clinic(page.meta):
        webpage.update(_medical(page, language, config))
    questions = language_state(config).questions
    if page.file.src_uri in questions:
        webpage["@type"] = [webpage["@type"], "FAQPage"]
        webpage["mainEntity"] = [{"@type": "Question", "name": question["name"],
                                  "acceptedAnswer": {"@type": "Answer", "text": question["answer"]}}
                                 for question in questions[page.file.src_uri]]
    return [website, webpage, breadcrumb]


# What makes a content page a medical page: the therapy it is about, and its review by the clinic's physician
# (linked to the practitioner on the practice page), or, in the demo, that nobody reviewed it; the therapy's name
# and the demo's status are interface strings, in the page's language.
def _medical(page: Page, language: str, config: MkDocsConfig) -> dict:
    review = config.extra["clinic"]["medical_review"]
    therapy = {"@type": "MedicalTherapy", "name": site_strings.text(config, "site.structured_data.therapy", language)}
    if page.meta.get("contraindications"):
        therapy["contraindication"] = [{"@type": "MedicalContraindication", "name": name}
                                       for name in page.meta["contraindications"]]
    if page.meta.get("adverse_outcomes"):
        therapy["adverseOutcome"] = [{"@type": "MedicalEntity", "name": name} for name in page.meta["adverse_outcomes"]]
    medical = {"@type": "MedicalWebPage", "about": therapy}
    if review is None:
        medical["creativeWorkStatus"] = site_strings.text(config, "site.structured_data.demo", language)
    else:
        medical["lastReviewed"] = review["date"]
        medical["reviewedBy"] = {"@type": "Person", "@id": review["id"], "name": review["by"],
                                 "jobTitle": review["title"][language]}
    return medical


# JSON that cannot end the <script> element it sits in.
def _script_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
