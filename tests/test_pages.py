"""The built site keeps the URL contract: every page, in both languages, with its language marked."""
from __future__ import annotations

import re

import pytest
import yaml

from clinic_builds import output, project_copy
from conftest import LANGUAGES, ROOT, SLUGS, build, page_path, soup

PAGES = [(language, slug) for language in LANGUAGES for slug in SLUGS]
OTHER = {"fr": "en", "en": "fr"}


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _article_text(html) -> str:
    """The page's own text: the article without the headings' permalinks and the trust blocks."""
    article = html.select_one("article")
    for node in article.select(".headerlink, .site-sources, .site-review, .site-disclaimer, h1"):
        node.decompose()
    return article.get_text(" ", strip=True)


@pytest.mark.parametrize("language,slug", PAGES)
def test_page_has_language_title_and_description(site, language, slug):
    html = soup(page_path(site, language, slug))
    assert html.html["lang"] == language
    assert html.select_one("article h1").get_text(strip=True)
    description = html.select_one('meta[name="description"]')["content"]
    assert 50 <= len(description) <= 160, description
    assert html.title.get_text(strip=True)


@pytest.mark.parametrize("language,slug", PAGES)
def test_language_link_leads_to_same_page(site, language, slug):
    here = page_path(site, language, slug)
    links = soup(here).select(".md-header a[data-site-language]")
    assert len(links) == 1, "one visible link to the other language"
    link = links[0]
    assert link["hreflang"] == OTHER[language] and link.get_text(strip=True)
    target = (here.parent / link["href"]).resolve() / "index.html"
    assert target == page_path(site, OTHER[language], slug).resolve()
    assert soup(target).html["lang"] == OTHER[language]


@pytest.mark.parametrize("language,slug", [p for p in PAGES if p[1]])
def test_content_pages_have_real_content(site, language, slug):
    words = _words(_article_text(soup(page_path(site, language, slug))))
    assert words >= 250, f"{language}/{slug}: {words} words"


@pytest.mark.parametrize("language,slug", PAGES)
def test_every_page_lists_sources_and_disclaimer(site, language, slug):
    html = soup(page_path(site, language, slug))
    sources = html.select(".site-sources li a")
    assert sources, "the page lists its sources"
    for link in sources:
        assert re.search(r"(sources/|^\./)#[\w-]+$", link["href"]), link["href"]
    assert html.select_one(".site-disclaimer").get_text(strip=True)
    assert html.select_one(".site-review time[datetime]")


@pytest.mark.parametrize("slug", SLUGS)
def test_sections_share_anchors_across_languages(site, slug):
    """Section ids match, so a reader switching language can stay on the same section."""
    ids = {}
    for language in LANGUAGES:
        article = soup(page_path(site, language, slug)).select_one("article")
        ids[language] = {h["id"] for h in article.select("h2[id], h3[id]") if not h.find_parent(class_="site-sources")}
    assert ids["fr"] == ids["en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_faq_has_at_least_twelve_linkable_questions(site, language):
    article = soup(page_path(site, language, "faq/")).select_one("article")
    questions = [h for h in article.select("h2[id]") if h.get_text(strip=True).rstrip("¶").endswith("?")]
    assert len(questions) >= 12
    for question in questions:
        answer = question.find_next_sibling()
        assert answer is not None and answer.name != "h2"


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_has_at_least_twenty_anchored_terms(site, language):
    article = soup(page_path(site, language, "glossaire/")).select_one("article")
    terms = article.select("h2[id]")
    assert len(terms) >= 20
    assert len({t["id"] for t in terms}) == len(terms)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sources_page_lists_every_bibliography_entry(site, language):
    keys = yaml.safe_load((ROOT / "data/sources.yml").read_text(encoding="utf-8"))
    article = soup(page_path(site, language, "sources/")).select_one("article")
    for key, entry in keys.items():
        assert article.select_one(f"h4#{key}") is not None, key
        assert " ".join(entry[language].split()[:6]) in article.get_text(" "), key


def test_sources_page_lists_independent_evaluations_apart(tmp_path):
    """Independent evaluations (kind: evaluation) come first, under their own heading; the practitioners' pages
    after, under theirs; each entry keeps its anchor, and the pages citing it link to it."""
    project = project_copy(tmp_path / "project").parent
    sources = project / "data/sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + """
test-review:
  title: "Safety and efficacy of mesotherapy: a test review"
  author: "Test Authors"
  kind: evaluation
  language: en
  date: 2021
  fr: Une revue de test, pour vérifier le regroupement.
  en: A test review, to check the grouping.
""", encoding="utf-8")
    methode = project / "docs/fr/methode.md"
    methode.write_text(methode.read_text(encoding="utf-8").replace("sources: [", "sources: [test-review, ", 1), encoding="utf-8")
    result = build(tmp_path / "site", project / "mkdocs.yml")
    assert result.returncode == 0, output(result)
    headings = {"fr": ["Évaluations indépendantes", "Pages de praticiens"], "en": ["Independent evaluations", "Practitioners' pages"]}
    keys = yaml.safe_load(sources.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        article = soup(page_path(tmp_path / "site", language, "sources/")).select_one("article")
        groups = article.select("h3[id]")
        assert [g["id"] for g in groups] == ["evaluations", "pages-praticiens"]
        assert [" ".join(g.get_text().rstrip("¶").split()) for g in groups] == headings[language]
        evaluations = [k for k, e in keys.items() if e["kind"] == "evaluation"]
        assert "test-review" in evaluations
        for group, expected in zip(groups, [evaluations, [k for k, e in keys.items() if e["kind"] != "evaluation"]]):
            entries = []
            for sibling in group.find_next_siblings(["h2", "h3", "h4"]):
                if sibling.name != "h4":
                    break
                entries.append(sibling["id"])
            assert entries == expected
        assert article.select_one("h4#test-review").get("lang") == (None if language == "en" else "en")
    cited = soup(page_path(tmp_path / "site", "fr", "methode/")).select_one(".site-sources a")
    assert cited["href"] == "../sources/#test-review"

    # A kind the bibliography does not know stops the build, with the kinds it knows.
    sources.write_text(sources.read_text(encoding="utf-8").replace("kind: evaluation", "kind: evalution"), encoding="utf-8")
    result = build(tmp_path / "site2", project / "mkdocs.yml")
    assert result.returncode != 0
    assert "data/sources.yml: test-review: kind: 'evalution' is not a kind of source — did you mean evaluation?" in output(result)
