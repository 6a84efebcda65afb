"""Medical trust on every page: checked front matter, editorial dates, the demo's "not reviewed", sources, disclaimer, care box,
glossary terms in place, structured data and reading level, on the built site in both languages."""
from __future__ import annotations

import copy
import datetime
import re
import sys
import warnings
from pathlib import Path
from urllib.parse import urljoin

import extruct
import pytest
from playwright.sync_api import expect
import yaml
from babel.dates import format_date

from clinic_builds import output, project_copy
from conftest import LANGUAGES, ROOT, build, page_path, soup

sys.path.insert(0, str(ROOT / "hooks"))
from readability import TARGETS, measure, page_text  # noqa: E402 - the hook's own measure, applied to built pages


def _pages() -> list[tuple[str, str, dict]]:
    """Every Markdown page: its language, its slug ("" for the home page) and its front matter."""
    pages = []
    for language in LANGUAGES:
        for path in sorted((ROOT / "docs" / language).glob("*.md")):
            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            pages.append((language, "" if path.stem == "index" else f"{path.stem}/", meta))
    return pages


# The bibliography, to know each cited source's language.
SOURCES = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
# Content pages carry every trust block; clinic pages (practice, legal notice) carry none.
CONTENT_PAGES = [(language, slug) for language, slug, meta in _pages() if meta.get("kind") != "clinic"]
CLINIC_PAGES = [(language, slug) for language, slug, meta in _pages() if meta.get("kind") == "clinic"]
CARE_SLUGS = ["methode/", "contre-indications/", "effets-indesirables/", "apres-seance/"]
LABELS = {
    "fr": {"updated": "Mise à jour :", "next": "Prochaine révision :",
           "not_reviewed": "Site de démonstration : ces textes médicaux n'ont pas été relus par un médecin.",
           "disclaimer": "ne remplace pas une consultation"},
    "en": {"updated": "Updated", "next": "Next review due:",
           "not_reviewed": "Demonstration site: these medical texts have not been reviewed by a physician.",
           "disclaimer": "does not replace a consultation"},
}
LOCALES = {"fr": "fr", "en": "en_GB"}


def front_matter(language: str, slug: str) -> dict:
    """The front matter of a page's Markdown file."""
    text = (ROOT / "docs" / language / f"{slug.strip('/') or 'index'}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def set_field(path: Path, field: str, value: str) -> None:
    """Write a top-level front matter field's value as given (YAML text)."""
    text, count = re.subn(rf"(?m)^{field}:.*$", f"{field}: {value}", path.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"no {field} in {path}"
    path.write_text(text, encoding="utf-8")


def json_ld(path: Path) -> list[dict]:
    """The page's JSON-LD nodes, as a search engine's extractor reads them."""
    data = extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]
    return [node for item in data for node in item.get("@graph", [item])]


def node_of_type(nodes: list[dict], kind: str) -> dict:
    found = [n for n in nodes if kind in (n["@type"] if isinstance(n["@type"], list) else [n["@type"]])]
    assert len(found) == 1, f"{len(found)} {kind} nodes"
    return found[0]


def own_text(node) -> str:
    """An element's text without what the site adds to it (glossary buttons and definitions, permalinks)."""
    node = copy.copy(node)
    for added in node.select(".site-term__button, .site-term__definition, .headerlink"):
        added.decompose()
    return " ".join(node.get_text().split())


def page_content(html):
    """The page's own content in the built page: the article without the blocks the templates add around it
    (top-level elements with a site-* class) and the glossary's buttons and definitions."""
    article = html.select_one("article")
    added = [node for node in article.find_all(recursive=False)
             if any(name.startswith("site-") for name in node.get("class") or [])]
    for node in added + article.select(".site-term__button, .site-term__definition"):
        node.decompose()
    return article


@pytest.fixture(scope="module")
def build_log(tmp_path_factory) -> str:
    """The real project's strict build, for what it prints (the reading-level table, overdue reviews)."""
    result = build(tmp_path_factory.mktemp("trust-site"))
    assert result.returncode == 0, output(result)
    return output(result)


# --- Front matter --------------------------------------------------------------------------------------

def test_broken_front_matter_fails_with_one_line_per_problem(tmp_path):
    project = project_copy(tmp_path / "project").parent
    set_field(project / "docs/fr/histoire.md", "updated", "2026-13-45")
    set_field(project / "docs/en/faq.md", "sources", "[no-such-source, mansour]")
    set_field(project / "docs/en/methode.md", "updated", "2026-01-10\nreviewer: {name: Dr Someone, role: physician}")
    set_field(project / "docs/fr/index.md", "updated", "2026-01-10")
    set_field(project / "docs/fr/index.md", "next_review", "2025-06-01")
    set_field(project / "docs/en/index.md", "description", "Too short.")
    # Search's keywords and the translation's fields are listed with the others, a page's problems together.
    set_field(project / "docs/fr/apres-seance.md", "keywords", "piscine")
    set_field(project / "docs/fr/apres-seance.md", "title", "'<b>Après la séance</b>'")
    set_field(project / "docs/en/histoire.md", "translation_of", "1234")
    result = build(tmp_path / "site", project / "mkdocs.yml")
    log = output(result)
    assert result.returncode != 0
    assert "Traceback" not in log, log
    lines = {re.sub(r"^ERROR\s+-\s+", "", line) for line in log.splitlines()}
    expected = [
        "docs/fr/histoire.md: updated: '2026-13-45' is not a date — write a real date as YYYY-MM-DD, without quotes.",
        "docs/en/faq.md: sources: unknown key 'no-such-source' — use one of ",
        "docs/en/methode.md: reviewer: not a page field — the medical review is recorded in the clinic file (medical_review",
        "docs/fr/index.md: next_review: 2025-06-01 is not after updated (2026-01-10) — set the next review after the last update.",
        "docs/en/index.md: description: too short (10 characters) — write at least 50 characters that sum up the page.",
        "docs/fr/apres-seance.md: keywords: must be a list of words — write keywords: [bleu, ecchymose].",
        "docs/fr/apres-seance.md: title: holds '<', but is shown as plain text",
        "docs/en/histoire.md: translation_of: must be the 8-character version of the French text",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), f"no line starting {start!r} in:\n{log}"
    assert not (tmp_path / "site" / "index.html").exists()


def test_overdue_review_is_a_notice_and_the_strict_build_passes(tmp_path):
    project = project_copy(tmp_path / "project").parent
    set_field(project / "docs/fr/histoire.md", "updated", "2023-03-01")
    set_field(project / "docs/fr/histoire.md", "next_review", "2024-03-01")
    result = build(tmp_path / "site", project / "mkdocs.yml")
    log = output(result)
    assert result.returncode == 0, log
    notices = [line for line in log.splitlines() if "NOTICE" in line]
    assert len(notices) == 1 and notices[0].startswith("INFO"), log
    assert "docs/fr/histoire.md (due 2024-03-01)" in notices[0]
    assert "WARNING" not in log


def test_overdue_reviews_of_the_site_are_reported(build_log):
    """Lists the pages due for review as pytest warnings (they never fail the suite), after checking
    that the build's notice names exactly the pages whose next_review has passed."""
    today = datetime.date.today()
    due = {f"docs/{language}/{slug.strip('/') or 'index'}.md" for language, slug in CONTENT_PAGES
           if front_matter(language, slug)["next_review"] < today}
    noticed = set(re.findall(r"(docs/\S+\.md) \(due ", "\n".join(line for line in build_log.splitlines() if "NOTICE" in line)))
    assert noticed == due
    for page in sorted(due):
        warnings.warn(f"review overdue: {page}", UserWarning)


# --- What each page shows --------------------------------------------------------------------------------

@pytest.mark.parametrize("language,slug", CONTENT_PAGES)
def test_page_shows_editorial_dates_no_review_sources_and_disclaimer(site, language, slug):
    """The demo: the page's editorial dates, and plainly that no physician reviewed it (no one named)."""
    meta = front_matter(language, slug)
    html = soup(page_path(site, language, slug))
    review = html.select_one("article .site-review")
    text = re.sub(r"\s+", " ", review.get_text(" ")).strip()
    updated = format_date(meta["updated"], format="long", locale=LOCALES[language])
    next_review = format_date(meta["next_review"], format="MMMM y", locale=LOCALES[language])
    assert f"{LABELS[language]['updated']} {updated}" in text
    assert f"{LABELS[language]['next']} {next_review}" in text
    assert re.sub(r"\s+", " ", LABELS[language]["not_reviewed"]) in text
    assert review.select("time")[0]["datetime"] == meta["updated"].isoformat()
    assert len(review.select("time")) == 2, "no review date: nobody reviewed the demo"

    sources_page = soup(page_path(site, language, "sources/"))
    links = html.select("article .site-sources ol > li > a")
    assert [link["href"].rpartition("#")[2] for link in links] == meta["sources"]
    for link in links:
        assert sources_page.select_one(f"article h4[id='{link['href'].rpartition('#')[2]}']"), link["href"]
        source_language = SOURCES[link["href"].rpartition("#")[2]]["language"]
        assert link["lang"] == source_language
        # A source in the other language says so: "(in French)" on English pages, "(en anglais)" on French ones.
        assert ({"fr": "(in French)", "en": "(en anglais)"}[source_language] in link.parent.get_text()) == (language != source_language)

    disclaimer = html.select_one("article .site-disclaimer")
    assert LABELS[language]["disclaimer"] in disclaimer.get_text()


@pytest.mark.parametrize("language,slug", CONTENT_PAGES)
def test_care_box_on_the_care_pages_only(site, language, slug):
    html = soup(page_path(site, language, slug))
    box = html.select_one("article aside.site-care")
    # Every page's footer gives the most urgent signs' numbers, and leads to the whole care box.
    footer = html.select_one("footer .site-footer-care")
    assert [link["href"] for link in footer.select("a[href^='tel:']")] == ["tel:15", "tel:112"]
    care_link = urljoin(f"https://site/{LANGUAGES[language]}{slug}", footer.select_one("a[href$='#quand-consulter']")["href"])
    assert care_link == f"https://site/{LANGUAGES[language]}effets-indesirables/#quand-consulter"
    if slug not in CARE_SLUGS:
        assert box is None
        return
    title = box.select_one("#" + box["aria-labelledby"]).get_text(strip=True)
    assert _spaces(title) == {"fr": "Quand contacter un médecin ?", "en": "When to contact a doctor"}[language]
    levels = box.select("section.site-care__level")
    headings = [_spaces(level.select_one("h3").get_text(" ", strip=True)) for level in levels]
    # Said in words (and numbered), not by colour alone, most urgent first.
    assert headings == {"fr": ["1 Maintenant", "2 Le jour même", "3 Sans urgence"],
                        "en": ["1 Now", "2 The same day", "3 Without urgency"]}[language]
    urgent = " ".join(li.get_text() for li in levels[0].select(".site-care__signs li"))
    for sign in {"fr": ["respirer", "gonflement", "malaise", "urticaire"],
                 "en": ["breathing", "swelling", "faint", "hives"]}[language]:
        assert sign in urgent
    assert "fièvre" not in urgent and "fever" not in urgent, "a fever is for the same day, not for 15"
    assert {"fr": "médecin", "en": "doctor"}[language] in levels[1].get_text()


def _spaces(text: str) -> str:
    """Text with its white space (no-break spaces included) as single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def test_clinic_pages_carry_no_medical_blocks(site, build_log):
    assert CLINIC_PAGES, "the practice page and the legal notice are clinic pages"
    for language, slug in CLINIC_PAGES:
        path = page_path(site, language, slug)
        assert not soup(path).select(".site-care, .site-sources, .site-review, .site-disclaimer"), slug
        page = node_of_type(json_ld(path), "WebPage")
        assert "lastReviewed" not in page and "about" not in page
        assert not soup(path).select(".site-term__button"), "no glossary marks outside medical content"
        assert f"docs/{language}/{slug.strip('/')}.md " not in build_log, "not in the reading-level table"


def test_the_clinic_number_is_the_same_day_number_and_emergencies_stay_national(tmp_path):
    project = project_copy(tmp_path / "project").parent
    clinic = project / "data/demo-clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^phone:.*\n", 'phone: "04 99 00 56 78"\n', text)
    clinic.write_text(re.sub(r"(?m)^emergency:.*\n", "", text) + '\nemergency: "116"\n', encoding="utf-8")
    result = build(tmp_path / "site", project / "mkdocs.yml")
    assert result.returncode == 0, output(result)
    for language in LANGUAGES:
        levels = soup(page_path(tmp_path / "site", language, "methode/")).select(".site-care__level")
        numbers = [[link["href"] for link in level.select(".site-care__numbers a")] for level in levels]
        # The practice's own number is for the same day and without urgency; an emergency is 15 or 112, whatever
        # the clinic file's emergency field says (it is shown on the practice page only).
        assert numbers == [["tel:15", "tel:112"], ["tel:+33499005678", "tel:116117", "tel:15"], ["tel:+33499005678"]]
        footer = soup(page_path(tmp_path / "site", language, "histoire/")).select_one(".site-footer-care")
        assert [link["href"] for link in footer.select("a[href^='tel:']")] == ["tel:15", "tel:112"]


# --- Structured data -------------------------------------------------------------------------------------

@pytest.mark.parametrize("language,slug", CONTENT_PAGES)
def test_json_ld_describes_the_unreviewed_demo_page(site, language, slug):
    meta = front_matter(language, slug)
    path = page_path(site, language, slug)
    html = soup(path)
    assert html.head.select('script[type="application/ld+json"]'), "the JSON-LD is in the head"
    nodes = json_ld(path)
    page = node_of_type(nodes, "MedicalWebPage")
    website = node_of_type(nodes, "WebSite")
    trail = node_of_type(nodes, "BreadcrumbList")
    canonical = html.select_one('link[rel="canonical"]')["href"]
    assert page["url"] == canonical and page["name"] == meta["title"] and page["description"] == meta["description"]
    assert page["inLanguage"] == website["inLanguage"] == language
    assert "lastReviewed" not in page and "reviewedBy" not in page, "the demo's pages were reviewed by nobody"
    assert page["creativeWorkStatus"].startswith({"fr": "Site de démonstration", "en": "Demonstration site"}[language])
    assert page["isPartOf"] == {"@id": website["@id"]}
    assert website["url"] == soup(page_path(site, language, "")).select_one('link[rel="canonical"]')["href"]
    about = page["about"]
    assert about["@type"] == "MedicalTherapy" and about["name"] == {"fr": "Mésothérapie", "en": "Mesotherapy"}[language]
    assert [c["name"] for c in about.get("contraindication", [])] == meta.get("contraindications", [])
    assert [o["name"] for o in about.get("adverseOutcome", [])] == meta.get("adverse_outcomes", [])
    assert page["breadcrumb"] == {"@id": trail["@id"]}
    items = trail["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert items[0]["item"] == website["url"] and items[-1]["item"] == canonical
    assert len(items) == (1 if slug == "" else 2)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contraindications_and_side_effects_are_in_the_structured_data(site, language):
    assert front_matter(language, "contre-indications/")["contraindications"]
    assert front_matter(language, "effets-indesirables/")["adverse_outcomes"]
    about = node_of_type(json_ld(page_path(site, language, "contre-indications/")), "MedicalWebPage")["about"]
    assert about["contraindication"][0]["@type"] == "MedicalContraindication"
    about = node_of_type(json_ld(page_path(site, language, "effets-indesirables/")), "MedicalWebPage")["about"]
    assert about["adverseOutcome"][0]["@type"] == "MedicalEntity"


@pytest.mark.parametrize("language", LANGUAGES)
def test_faq_structured_data_is_the_page_itself(site, language):
    path = page_path(site, language, "faq/")
    article = page_content(soup(path))
    expected = []
    for heading in article.select("h2[id]"):
        question = own_text(heading)
        if not question.endswith("?"):
            continue
        answer = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h1", "h2"}:
                break
            answer.append(own_text(sibling))
        expected.append((question, " ".join(" ".join(answer).split())))
    faq = node_of_type(json_ld(path), "FAQPage")
    found = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
    assert [q["@type"] for q in faq["mainEntity"]] == ["Question"] * len(found)
    assert found == expected
    assert len(found) >= 12
    for other_language, other in CONTENT_PAGES:
        if other != "faq/" and other_language == language:
            assert not [n for n in json_ld(page_path(site, language, other)) if "FAQPage" in str(n["@type"])]


# --- Glossary terms in place -----------------------------------------------------------------------------

def glossary_entries(site: Path, language: str) -> dict[str, str]:
    """Each glossary entry's anchor and definition, read from the built glossary page."""
    article = page_content(soup(page_path(site, language, "glossaire/")))
    entries = {}
    for heading in article.select("h2[id]"):
        paragraphs = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            paragraphs.append(" ".join(sibling.get_text().split()))
        entries[heading["id"]] = (own_text(heading), " ".join(" ".join(paragraphs).split()))
    return entries


@pytest.mark.parametrize("language,slug", CONTENT_PAGES)
def test_glossary_terms_open_their_definition_in_place(site, language, slug):
    html = soup(page_path(site, language, slug))
    buttons = html.select("article .site-term__button")
    if slug == "glossaire/":
        assert not buttons, "the glossary itself is left alone"
        return
    assert buttons, "a page about mesotherapy uses at least one glossary term"
    entries = glossary_entries(site, language)
    anchors = []
    for button in buttons:
        link = button.find_previous_sibling()
        assert link.name == "a", "the button follows the term's link"
        path, _, anchor = link["href"].partition("#")
        assert (page_path(site, language, slug).parent / path).resolve() == page_path(site, language, "glossaire/").parent.resolve()
        heading, definition = entries[anchor]
        box = html.find(id=button["aria-controls"])
        assert box is not None and box.has_attr("hidden") and button["aria-expanded"] == "false"
        assert " ".join(box.get_text().split()) == f"{heading} {definition}"
        assert button["type"] == "button" and button["aria-label"].endswith(heading)
        assert not button.find_parent(["a", "h1", "h2", "h3", "h4", "h5", "h6"])
        anchors.append(anchor)
    assert len(anchors) == len(set(anchors)), "each term is marked once per page"
    assert not html.select("h1 .site-term, h2 .site-term, h3 .site-term, a .site-term")


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_definition_by_touch_and_keyboard(server, phone, language):
    # Waiting assertions: the page's script may still be starting when the first tap lands.
    page = phone.new_page()
    page.goto(server + LANGUAGES[language] + "methode/")
    button = page.locator("article .site-term__button").first
    definition = page.locator("#" + button.get_attribute("aria-controls"))
    expect(button).to_be_visible()
    expect(definition).to_be_hidden()
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, "a target a finger can hit"
    button.tap()
    expect(definition).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    button.tap()
    expect(definition).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    # The keyboard, on the button itself (locator.press focuses it first: nothing else may take the key).
    button.press("Enter")
    expect(definition).to_be_visible()
    expect(button).to_be_focused()
    button.press("Space")
    expect(definition).to_be_hidden()
    # The term itself leads to its glossary entry.
    term = button.locator("xpath=preceding-sibling::a[1]")
    anchor = term.get_attribute("href").rpartition("#")[2]
    term.tap()
    page.wait_for_url(f"**/glossaire/#{anchor}")
    expect(page.locator(f"h2[id='{anchor}']")).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_care_box_on_a_phone_is_set_apart_without_colour(server, phone, language):
    page = phone.new_page()
    page.goto(server + LANGUAGES[language] + "effets-indesirables/")
    box = page.locator("aside.site-care")
    box.scroll_into_view_if_needed()
    expect(box).to_be_visible()
    assert box.bounding_box()["width"] <= 390
    borders = box.evaluate("e => [...e.querySelectorAll('.site-care__level')].map(level => {"
                           " const style = getComputedStyle(level);"
                           " return [parseFloat(style.borderLeftWidth), style.borderLeftStyle]; })")
    # Thick, then thinner, then dashed: the levels differ by more than their colour.
    assert borders[0][0] >= 6 and borders[0][0] > borders[1][0], "a thick bar marks the most urgent level"
    assert borders[2][1] == "dashed" and borders[1][1] == "solid"
    for level in range(3):
        expect(box.locator(".site-care__level .site-care__icon").nth(level)).to_have_text(str(level + 1))
    # Each number to call is one line, never cut through, inside the screen.
    for link in box.locator(".site-care__numbers a").all():
        link_box = link.bounding_box()
        assert link_box["x"] + link_box["width"] <= 390 and link_box["height"] < 40, link.inner_text()


# --- Reading level ---------------------------------------------------------------------------------------

def test_reading_level_table_is_printed_and_every_page_meets_its_target(site, build_log):
    rows = {match[0]: float(match[2]) for match in
            re.findall(r"^\s+(docs/\S+\.md)\s+(fr|en)\s+(-?\d+\.\d)\s+\d+\s+\d+ words$", build_log, re.M)}
    for language, slug in CONTENT_PAGES:
        name = f"docs/{language}/{slug.strip('/') or 'index'}.md"
        reading = measure(page_text(str(page_content(soup(page_path(site, language, slug))))), language)
        assert rows.get(name) == pytest.approx(reading.score, abs=0.05), name
        assert TARGETS[language].met(reading.score), f"{name}: {reading.score}"
    assert "Kandel–Moles" in build_log and "Flesch–Kincaid grade" in build_log


def test_page_over_the_reading_target_fails_the_strict_build(tmp_path):
    project = project_copy(tmp_path / "project").parent
    hard = {
        "en": "Notwithstanding considerable interindividual variability, practitioners administering intradermal "
              "pharmacological combinations characteristically emphasise comprehensive preliminary evaluation, "
              "documentation of contraindications, and longitudinal monitoring of therapeutic effectiveness.",
        "fr": "Nonobstant une variabilité interindividuelle considérable, les praticiens administrant des associations "
              "pharmacologiques intradermiques privilégient systématiquement une évaluation préliminaire approfondie, "
              "la documentation exhaustive des contre-indications et une surveillance longitudinale de l'efficacité.",
    }
    for language, paragraph in hard.items():
        page = project / "docs" / language / "histoire.md"
        head, _, _ = page.read_text(encoding="utf-8").partition("\n# ")
        page.write_text(f"{head}\n# Title\n\n" + "\n\n".join([paragraph] * 30) + "\n", encoding="utf-8")
    result = build(tmp_path / "site", project / "mkdocs.yml")
    log = output(result)
    assert result.returncode != 0
    assert re.search(r"WARNING\s+-\s+hooks/readability: docs/fr/histoire\.md: reading level: Kandel–Moles -?\d+\.\d, the target is ≥ 60", log), log
    assert re.search(r"WARNING\s+-\s+hooks/readability: docs/en/histoire\.md: reading level: Flesch–Kincaid grade \d+\.\d, the target is ≤ 9", log), log
    assert "Traceback" not in log
