"""The clinic file becomes the site's clinic: the demo clinic (marked as example data on every page),
the example clinic (branded: name, logo, colours, hours), and broken files refused with every problem
listed, one line each, while the last good site stays as it was."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import phonenumbers
import pytest
import yaml

from clinic_builds import EXAMPLE_CLINIC, build_for, make_site, output, project_copy, snapshot
from conftest import LANGUAGES, ROOT, soup
from site_pages import built_pages

DEMO_CLINIC = ROOT / "data/demo-clinic.yml"
CLINIC_PAGES = {"cabinet/": "practice", "mentions-legales/": "legal notice"}
WEEKDAYS = {"fr": ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"],
            "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAY_STATUS = {"fr": {"closed": "Fermé", "by appointment": "Sur rendez-vous"},
              "en": {"closed": "Closed", "by appointment": "By appointment"}}
DEMO_BANNER = {"fr": "Site de démonstration", "en": "Demonstration site"}
# A clinic file with a mistake in almost every field, and what each line of the build's answer must say.
BROKEN_CLINIC = """\
name: Cabinet Cassé, le n°1 à Paris
adress: typo
testimonials: [Super médecin !]
practitioners:
  - name: Dr Test
    title: Médecin
    languages: [fr, english]
    rpps: "19999900005"
    convention: secteur 3
address:
  street: 1 rue du Test
  postal_code: "7501"
  city: Paris
phone: "01 23"
email: cabinet@
booking_url: http://rendez-vous.example/
hours:
  monday: 09:00-12:00
  wenesday: 09:00-12:00
  friday: 9h-12h
site_url: https://cabinet.example/patients/
colours:
  primary: "#777777"
legal:
  publisher: Dr Test
  host: {name: Hébergeur, address: 1 rue de l'Hôte, phone: "03 53 01 12 34"}
"""
BROKEN_LINES = [
    r"clinic\.yml: name: 'Cabinet Cassé, le n°1 à Paris' reads as advertising \('n°1'\) — the Ordre des médecins' charter .*",
    r"clinic\.yml: adress: unknown field \(did you mean address\?\) — the fields here are: .*",
    r"clinic\.yml: testimonials: not allowed — the Ordre des médecins' charter for doctors' websites forbids testimonials, .*",
    r"clinic\.yml: practitioners\.1\.rpps: '19999900005' is not an RPPS number: its last digit does not match the others \(check digit\) — .*",
    r"clinic\.yml: practitioners\.1\.convention: 'secteur 3' is not a convention situation — write secteur 1, secteur 2 or non conventionné\.",
    r"clinic\.yml: medical_review: missing — one of the practice's physicians must read .* run  make review BY=\"Dr …\" CLINIC=clinic\.yml .*",
    r"clinic\.yml: fees: missing — write consultation:, mesotherapy_session: and payment: under fees: .*",
    r"clinic\.yml: practitioners\.1\.languages\.2: 'english' is not a language code — .*",
    r"clinic\.yml: address\.postal_code: '7501' is not a French postal code — write its 5 digits.*",
    r"clinic\.yml: phone: '01 23' is not a valid phone number in FR — .*",
    r"clinic\.yml: email: 'cabinet@' is not an email address .* — .*",
    r"clinic\.yml: booking_url: 'http://rendez-vous\.example/' is not a full web address — write it starting with https://.*",
    r"clinic\.yml: hours\.wenesday: unknown field \(did you mean wednesday\?\) — .*",
    r"clinic\.yml: hours\.friday: '9h-12h' is not a time range — write it as 09:00-12:30.*",
    r"clinic\.yml: site_url: 'https://cabinet\.example/patients/' must be the root of a site, without a folder — .*",
    # #777777 on white is 4.478:1, just under AA; shown cut to 4.47 so that a refused colour never reads 4.50.
    r"clinic\.yml: colours\.primary: #777777 gives .* a contrast of 4\.47:1, below the 4\.5:1 of WCAG AA — choose a darker colour\.",
    r"clinic\.yml: legal\.director: missing — add it\.",
]


@pytest.fixture(scope="module")
def appointments_only_site(tmp_path_factory) -> Path:
    """A clinic seen by appointment only, with no booking website, and professional identifiers."""
    folder = tmp_path_factory.mktemp("appointments-only")
    clinic = yaml.safe_load(EXAMPLE_CLINIC.read_text(encoding="utf-8"))
    clinic.update(hours="by appointment")
    shutil.copy(EXAMPLE_CLINIC.parent / clinic["logo"], folder)
    del clinic["booking_url"]
    clinic["legal"].update(rpps="19999900004", siret="123 456 789 00007")
    (folder / "clinic.yml").write_text(yaml.safe_dump(clinic, allow_unicode=True), encoding="utf-8")
    result = build_for(folder / "site", folder / "clinic.yml")
    assert result.returncode == 0, output(result)
    return folder / "site"


def _clinic(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _page(site: Path, language: str, slug: str):
    return soup(site / LANGUAGES[language] / slug / "index.html")


def _file(site: Path, path: str) -> Path:
    """The file of a path built_pages gives ("" and "cabinet/" are folders' index.html)."""
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def _e164(number: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(number, "FR"), phonenumbers.PhoneNumberFormat.E164)


def _structured_data(html) -> list[dict]:
    """Every schema.org node of the page's JSON-LD blocks."""
    nodes = []
    for script in html.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        nodes += data.get("@graph", [data])
    return nodes


# ---- The demo clinic --------------------------------------------------------------------------------

def test_demo_clinic_is_marked_as_example_on_every_page_in_its_language(site):
    for path in built_pages(site):
        html = soup(_file(site, path))
        banner = html.select(".site-example")
        assert len(banner) == 1, path
        assert DEMO_BANNER[html.html["lang"]] in banner[0].get_text(" ", strip=True), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_practice_page_shows_the_clinic_file(site, language):
    clinic = _clinic(DEMO_CLINIC)
    html = _page(site, language, "cabinet/")
    article = html.select_one("article")
    text = article.get_text(" ", strip=True)
    for practitioner in clinic["practitioners"]:
        assert practitioner["name"] in text
        assert practitioner["title"][language] in text
        assert all(qualification[language] in text for qualification in practitioner["qualifications"])
    assert {"fr": "français et anglais", "en": "French and English"}[language] in text
    address = clinic["address"]
    assert address["street"] in text and f"{address['postal_code']} {address['city']}" in text
    # A plain link to OpenStreetMap for the address; no map or any other page embedded.
    map_link = article.select_one('a[href^="https://www.openstreetmap.org/search"]')
    assert address["city"] in parse_qs(urlsplit(map_link["href"]).query)["query"][0]
    assert not html.select("iframe, embed, object")
    assert article.select_one(f'a[href="tel:{_e164(clinic["phone"])}"]')
    assert article.select_one(f'a[href="mailto:{clinic["email"]}"]')
    assert article.select_one(f'a[href="{clinic["booking_url"]}"]')
    assert article.select_one(f'.site-emergency a[href="tel:{clinic["emergency"]}"]')


@pytest.mark.parametrize("language", LANGUAGES)
def test_opening_hours_are_written_in_the_readers_language(site, language):
    clinic = _clinic(DEMO_CLINIC)
    rows = _page(site, language, "cabinet/").select(".site-hours tr")
    assert [row.th.get_text(strip=True) for row in rows] == WEEKDAYS[language]
    for day, row in zip(DAYS, rows):
        written = clinic["hours"].get(day, "closed")
        cell = row.td.get_text(strip=True)
        if written in DAY_STATUS[language]:
            assert cell == DAY_STATUS[language][written], day
        else:
            times = re.findall(r"\d\d:\d\d", written)
            assert re.findall(r"\d\d:\d\d", cell) == times, day


@pytest.mark.parametrize("language", LANGUAGES)
def test_practice_page_describes_the_clinic_for_search_engines(site, language):
    clinic = _clinic(DEMO_CLINIC)
    nodes = _structured_data(_page(site, language, "cabinet/"))
    practice = next(node for node in nodes if node["@type"] == "MedicalClinic")
    assert practice["name"] == clinic["name"]
    assert practice["telephone"] == _e164(clinic["phone"])
    assert practice["address"]["postalCode"] == clinic["address"]["postal_code"]
    assert practice["address"]["addressLocality"] == clinic["address"]["city"]
    opening = {(spec["dayOfWeek"].rsplit("/", 1)[1].lower(), spec["opens"], spec["closes"])
               for spec in practice["openingHoursSpecification"]}
    written = {(day, *times) for day, value in clinic["hours"].items() if value != "by appointment"
               for times in re.findall(r"(\d\d:\d\d)-(\d\d:\d\d)", value)}
    assert opening == written
    physicians = [node for node in nodes if node["@type"] == "IndividualPhysician"]
    assert [physician["name"] for physician in physicians] == [p["name"] for p in clinic["practitioners"]]
    assert all(physician["practicesAt"] == {"@id": practice["@id"]} for physician in physicians)


@pytest.mark.parametrize("language", LANGUAGES)
def test_legal_notice_names_publisher_director_and_host(site, language):
    legal = _clinic(DEMO_CLINIC)["legal"]
    html = _page(site, language, "mentions-legales/")
    text = html.select_one("article").get_text(" ", strip=True)
    for fact in (legal["publisher"], legal["director"], legal["host"]["name"], legal["host"]["address"]):
        assert fact in text
    assert html.select_one(f'article a[href="tel:{_e164(legal["host"]["phone"])}"]')
    assert {"fr": "aucun cookie", "en": "no cookie"}[language] in text
    assert {"fr": "aucune publicité", "en": "no advertising"}[language] in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", CLINIC_PAGES)
def test_clinic_pages_have_title_description_and_canonical_address(site, language, slug):
    html = _page(site, language, slug)
    assert html.html["lang"] == language
    assert html.select_one("article h1").get_text(strip=True)
    assert 50 <= len(html.select_one('meta[name="description"]')["content"]) <= 160
    assert html.select_one('link[rel="canonical"]')["href"] == _clinic(DEMO_CLINIC)["site_url"] + LANGUAGES[language] + slug


def test_every_page_has_the_clinic_in_its_header_and_footer(site):
    clinic = _clinic(DEMO_CLINIC)
    for path in built_pages(site):
        page = _file(site, path)
        html = soup(page)
        language = html.html["lang"]
        assert html.select_one(".md-header .site-header-title__clinic").get_text(strip=True) == clinic["name"], path
        contact = html.select_one("footer .site-contact")
        assert clinic["name"] in contact.get_text(" ", strip=True), path
        assert contact.select_one(f'a[href="tel:{_e164(clinic["phone"])}"]'), path
        for link, slug in zip(contact.select("a:not([href^='tel:'])"), CLINIC_PAGES):
            href = link["href"]
            target = site / href.lstrip("/") if href.startswith("/") else (page.parent / href).resolve()
            assert target.resolve() == (site / LANGUAGES[language] / slug).resolve(), f"{path}: {href}"


# ---- The example clinic: another file, the same content -------------------------------------------

def test_example_clinic_brands_the_site_without_the_demo_warning(example_site):
    clinic = _clinic(EXAMPLE_CLINIC)
    logo = (EXAMPLE_CLINIC.parent / clinic["logo"]).read_bytes()
    for path in built_pages(example_site):
        page = _file(example_site, path)
        html = soup(page)
        assert not html.select(".site-example"), path
        assert html.select_one(".site-header-title__clinic").get_text(strip=True) == clinic["name"], path
        for url in (html.select_one(".md-header .md-logo img")["src"], html.select_one('link[rel="icon"]')["href"]):
            published = example_site / url.lstrip("/") if url.startswith("/") else (page.parent / url).resolve()
            assert published.read_bytes() == logo, f"{path}: {url}"
    canonical = _page(example_site, "en", "cabinet/").select_one('link[rel="canonical"]')["href"]
    assert canonical == clinic["site_url"] + "en/cabinet/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_example_clinic_has_its_own_hours_and_practitioners(example_site, language):
    clinic = _clinic(EXAMPLE_CLINIC)
    html = _page(example_site, language, "cabinet/")
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in html.select(".site-hours tr")}
    assert rows[WEEKDAYS[language][2]] == DAY_STATUS[language]["closed"]  # Wednesday, left out of the file
    assert rows[WEEKDAYS[language][1]].replace(" ", "") == "13:30–20:00"
    physicians = [n for n in _structured_data(html) if n["@type"] == "IndividualPhysician"]
    assert [p["name"] for p in physicians] == [p["name"] for p in clinic["practitioners"]]
    assert html.select_one(f'a[href="tel:{_e164(clinic["phone"])}"]')


def test_example_clinic_colours_reach_the_page(example_site, phone, tmp_path):
    """Chromium paints the header and the links in the clinic's colours, from a stylesheet named after its content."""
    clinic = _clinic(EXAMPLE_CLINIC)
    html = _page(example_site, "fr", "cabinet/")
    sheets = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    clinic_sheet = next(href for href in sheets if "clinic." in href)
    content = (example_site / "cabinet" / clinic_sheet).resolve().read_bytes()
    assert hashlib.sha256(content).hexdigest()[:8] in clinic_sheet
    page = phone.new_page()
    page.goto((example_site / "cabinet/index.html").as_uri())
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    link = page.evaluate("getComputedStyle(document.querySelector('article a[href^=\"mailto:\"]')).color")
    assert header == link == _rgb(clinic["colours"]["primary"])


def _rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_appointments_only_clinic_without_booking_site(appointments_only_site, language):
    html = _page(appointments_only_site, language, "cabinet/")
    article = html.select_one("article")
    assert not article.select(".site-hours")
    assert {"fr": "uniquement sur rendez-vous", "en": "by appointment only"}[language] in article.get_text(" ")
    booking = article.select_one("#rendez-vous").find_next_sibling("p")
    assert [a["href"] for a in booking.select("a")] == [f"tel:{_e164(_clinic(EXAMPLE_CLINIC)['phone'])}"]
    legal = _page(appointments_only_site, language, "mentions-legales/").select_one("article").get_text(" ")
    assert "19999900004" in legal and "123 456 789 00007" in legal


# ---- Broken clinic files: every problem at once, never a traceback, the last site kept ----------------

def test_broken_clinic_file_lists_every_problem_one_line_each(tmp_path):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text(BROKEN_CLINIC, encoding="utf-8")
    result = build_for(tmp_path / "site", clinic)
    text = output(result)
    assert result.returncode != 0
    assert "Traceback" not in text
    lines = [_message(line, clinic) for line in text.splitlines() if "clinic.yml: " in line]
    for expected in BROKEN_LINES:
        assert any(re.fullmatch(expected, line) for line in lines), f"{expected}\nnot in:\n" + "\n".join(lines)
    assert len(lines) == len(BROKEN_LINES), "\n".join(lines)
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("text,expected", [
    ("name: A\nname: B\n", r"clinic\.yml: not valid YAML \(line 2, column 1: name is written twice — keep one\) — .*"),
    ("name: A\n  phone: x\n", r"clinic\.yml: not valid YAML \(line 2, column \d+: .*\) — check the indentation.*"),
    ("- a list\n", r"clinic\.yml: must hold the clinic's fields .*"),
    ("colours:\n  primary: #1d4e89\n", r"clinic\.yml: colours\.primary: missing colour code — write it in quotes.*"),
])
def test_unreadable_clinic_file_says_where_and_how_to_fix(tmp_path, text, expected):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text(text, encoding="utf-8")
    result = build_for(tmp_path / "site", clinic)
    assert result.returncode != 0 and "Traceback" not in output(result)
    assert any(re.fullmatch(expected, _message(line, clinic)) for line in output(result).splitlines()), output(result)


def _message(line: str, clinic: Path) -> str:
    """A line of the build's answer without MkDocs' "ERROR -" prefix, the clinic file named by its file name."""
    return line.split("-  ", 1)[-1].replace(str(clinic), clinic.name)


def test_colour_just_above_aa_is_accepted(tmp_path):
    """#767676 gives 4.54:1 on white: accepted, and used."""
    clinic = _clinic(EXAMPLE_CLINIC)
    clinic.update(colours={"primary": "#767676"})
    shutil.copy(EXAMPLE_CLINIC.parent / clinic["logo"], tmp_path)
    (tmp_path / "clinic.yml").write_text(yaml.safe_dump(clinic, allow_unicode=True), encoding="utf-8")
    result = build_for(tmp_path / "site", tmp_path / "clinic.yml")
    assert result.returncode == 0, output(result)
    assert any("#767676" in sheet.read_text() for sheet in (tmp_path / "site/assets/stylesheets").glob("clinic.*.css"))


def test_make_site_keeps_the_last_good_site_when_the_clinic_file_is_broken(tmp_path):
    site = tmp_path / "site"
    good = make_site(site)
    assert good.returncode == 0, output(good)
    before = snapshot(site)
    (tmp_path / "clinic.yml").write_text(BROKEN_CLINIC, encoding="utf-8")
    broken = make_site(site, tmp_path / "clinic.yml")
    assert broken.returncode != 0
    assert "Traceback" not in output(broken)
    assert "clinic.yml: address.postal_code:" in output(broken)
    assert f"Build failed: {site}/ was left as it was." in broken.stderr
    assert snapshot(site) == before
    assert not Path(f"{site}.new").exists()
    # A good file then replaces the site as a whole.
    branded = make_site(site, EXAMPLE_CLINIC)
    assert branded.returncode == 0, output(branded)
    assert _clinic(EXAMPLE_CLINIC)["name"] in (site / "index.html").read_text(encoding="utf-8").replace("&amp;", "&")


# ---- Raw HTML: pages are text for patients -----------------------------------------------------------

UNSAFE_PAGE = """
<iframe src="https://video.example/"></iframe>

Voir [la vidéo](javascript:alert(1)) ou <a href="#" onclick="alert(1)">ici</a>.

<p style="color: red">Rouge</p>

```html
<script>shown as code, not run</script>
```

Le code `<script>` reste du texte.
"""


def test_unsafe_raw_html_is_refused_with_file_and_line(tmp_path):
    config = project_copy(tmp_path / "project")
    page = tmp_path / "project/docs/fr/histoire.md"
    original = page.read_text(encoding="utf-8")
    first = len(original.splitlines()) + 1
    page.write_text(original + UNSAFE_PAGE, encoding="utf-8")
    result = build_for(tmp_path / "site", config=config)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    found = [(int(line), problem) for line, problem in re.findall(r"docs/fr/histoire\.md:(\d+): (.*)", text)]
    expected = [(1, "<iframe>"), (3, "onclick="), (3, "javascript:"), (5, "style=")]
    assert len(found) == len(expected), text
    for (line, problem), (offset, what) in zip(found, expected):
        assert line == first + offset and what in problem.split(" — ")[0], (line, problem)
        assert " — " in problem, problem
    assert not (tmp_path / "site" / "index.html").exists()


# ---- The Ordre des médecins' charter: identifiers, convention, fees, access ------------------------------------

CONVENTION = {"fr": {"secteur 1": "Conventionné secteur 1", "secteur 2": "Conventionné secteur 2"},
              "en": {"secteur 1": "Contracted sector 1", "secteur 2": "Contracted sector 2"}}
NOT_REIMBURSED = {"fr": "La mésothérapie n'est pas remboursée par l'Assurance maladie",
                  "en": "Mesotherapy is not reimbursed by the Assurance maladie"}
PAYMENT = {"fr": {"card": "carte bancaire", "cheque": "chèque", "cash": "espèces"},
           "en": {"card": "bank card", "cheque": "cheque", "cash": "cash"}}


def _section(article, anchor: str) -> str:
    """The text of a section of the page: its heading and what follows, up to the next heading."""
    heading = article.select_one(f"h2#{anchor}")
    parts = [heading]
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling)
    return re.sub(r"\s+", " ", " ".join(part.get_text(" ") for part in parts))


@pytest.mark.parametrize("clinic_path", [DEMO_CLINIC, EXAMPLE_CLINIC], ids=["demo", "example"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_practice_page_shows_what_the_charter_asks(site, example_site, clinic_path, language):
    clinic = _clinic(clinic_path)
    html = _page(site if clinic_path == DEMO_CLINIC else example_site, language, "cabinet/")
    article = html.select_one("article")
    doctors = re.sub(r"\s+", " ", article.select_one(".site-practitioners").get_text(" "))
    for practitioner in clinic["practitioners"]:
        assert f"RPPS{':' if language == 'en' else ' :'} {practitioner['rpps']}" in doctors
        assert CONVENTION[language][practitioner["convention"]] in doctors
        if practitioner.get("ordre"):
            assert practitioner["ordre"]["number"] in doctors
    assert ("OPTAM" in doctors) == any(p.get("optam") for p in clinic["practitioners"])
    fees = _section(article, "tarifs")
    for amount in (clinic["fees"]["consultation"], clinic["fees"]["mesotherapy_session"]):
        assert all(number in fees for number in re.findall(r"\d+", str(amount)))
    assert all(PAYMENT[language][method] in fees for method in clinic["fees"]["payment"])
    assert NOT_REIMBURSED[language] in fees and "hors AMM NR" in fees
    access = _section(article, "acces")
    transport = clinic["access"]["public_transport"]
    assert (transport if isinstance(transport, str) else transport[language]) in access
    assert {"fr": "sans marche", "en": "Step-free access"}[language] in access
    nodes = _structured_data(html)
    practice = next(node for node in nodes if node["@type"] == "MedicalClinic")
    lowest = min(float(re.findall(r"\d+", str(clinic["fees"][fee]))[0]) for fee in ("consultation", "mesotherapy_session"))
    highest = max(float(re.findall(r"\d+", str(clinic["fees"][fee]))[-1]) for fee in ("consultation", "mesotherapy_session"))
    assert [float(n) for n in re.findall(r"\d+", practice["priceRange"])] == [lowest, highest]
    assert practice["currenciesAccepted"] == "EUR"
    assert set(practice["paymentAccepted"].split(", ")) == {
        {"card": "Credit Card", "cheque": "Cheque", "cash": "Cash"}[m] for m in clinic["fees"]["payment"]}
    physicians = [node for node in nodes if node["@type"] == "IndividualPhysician"]
    assert [node["identifier"]["value"] for node in physicians] == [p["rpps"] for p in clinic["practitioners"]]
# ---- Values that reach the server's config and every page: the site's address, the logo, lengths -------------

def _write_clinic(folder: Path, **changes) -> Path:
    """The example clinic with these fields changed, in folder, its logo beside it."""
    clinic = {**_clinic(EXAMPLE_CLINIC), **changes}
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE_CLINIC.parent / _clinic(EXAMPLE_CLINIC)["logo"], folder)
    (folder / "clinic.yml").write_text(yaml.safe_dump(clinic, allow_unicode=True), encoding="utf-8")
    return folder / "clinic.yml"


def _refusal(result: subprocess.CompletedProcess, clinic: Path) -> list[str]:
    """The lines of a refused build about the clinic file, with no traceback and nothing built."""
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text, text
    return [_message(line, clinic) for line in text.splitlines() if "clinic.yml: " in line]


@pytest.mark.parametrize("site_url,expected", [
    # nginx directives after the host name: `nginx -t` passed them, and every security header was gone.
    ("https://x.example;location ~ . {add_header X y;} server_name x.example", r"holds ' ', which no web address holds.*"),
    ("https://x.example;add_header", r"is not https:// and a host name \(with a port at most, e\.g\. :8443\) — .*"),
    # Out of the canonical link's attribute, into the page.
    ('https://x.example"><img src=x onerror=alert(1)>', r"holds '\"', which no web address holds .*"),
    ("https://x.example/\"><img src=x onerror=alert(1)>", r"holds '\"', which no web address holds .*"),
    ("https://editor@x.example/", r"is not https:// and a host name .*"),
    ("https://x.example:99999/", r"has port 99999, which does not exist — .*"),
    ("https://x.example/?page=1", r"must be the root of a site, without a folder — .*"),
    ("https://192.0.2.1/", r"is not https:// and a host name .*"),
    ("https://x_y.example/", r"is not https:// and a host name .*"),
])
def test_site_url_is_https_and_a_host_name_and_nothing_else(tmp_path, site_url, expected):
    clinic = _write_clinic(tmp_path, site_url=site_url)
    lines = _refusal(build_for(tmp_path / "site", clinic), clinic)
    assert [line for line in lines if re.fullmatch(r"clinic\.yml: site_url: .*" + expected, line)] == lines != [], lines
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_international_site_url_with_a_port_is_written_in_ascii_everywhere(tmp_path):
    clinic = _write_clinic(tmp_path, site_url="https://Cabinet-Éole.example:8443")
    result = build_for(tmp_path / "site", clinic)
    assert result.returncode == 0, output(result)
    host = "xn--" + "cabinet-éole".encode("punycode").decode("ascii") + ".example"  # lower case, then Punycode
    canonical = _page(tmp_path / "site", "en", "cabinet/").select_one('link[rel="canonical"]')["href"]
    assert canonical == f"https://{host}:8443/en/cabinet/"
    server_names = re.findall(r"^\s*server_name\s+([^;]*);", (tmp_path / "site/nginx.conf").read_text(), re.M)
    assert server_names == [host]


@pytest.mark.parametrize("logo,make,expected", [
    # The build's environment, as a logo: every variable the build ran with, published.
    ("/proc/self/environ", None, r"is outside the clinic file's folder — put the image next to the clinic file .*"),
    ("../secret.svg", "outside", r"is outside the clinic file's folder — .*"),
    ("environ.svg", "link out", r"is outside the clinic file's folder — .*"),
    ("logo.svg", "folder", r"is not a file — give the image file's name\."),
    ("notes.txt", "file", r"is not an image the site can show — use an \.svg, \.png, \.jpg or \.webp file\."),
])
def test_logo_is_an_image_file_in_the_clinic_files_folder(tmp_path, logo, make, expected):
    folder = tmp_path / "clinic"
    folder.mkdir()
    if make == "outside":
        (tmp_path / "secret.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    elif make == "link out":
        (folder / "environ.svg").symlink_to("/proc/self/environ")
    elif make == "folder":
        (folder / "logo.svg").mkdir()
    elif make == "file":
        (folder / "notes.txt").write_text("notes", encoding="utf-8")
    clinic = _write_clinic(folder, logo=logo)
    if make == "folder":
        shutil.copy(EXAMPLE_CLINIC, folder / "unused.yml")  # the example's own logo is not what is asked for
    lines = _refusal(build_for(tmp_path / "site", clinic), clinic)
    assert len(lines) == 1 and re.fullmatch(r"clinic\.yml: logo: " + re.escape(repr(logo)) + " " + expected, lines[0]), lines


def test_a_logo_linked_inside_the_clinic_files_folder_is_published(tmp_path):
    folder = tmp_path / "clinic"
    clinic = _write_clinic(folder, logo="images/current-logo.svg")
    (folder / "images").mkdir()
    (folder / "images/current-logo.svg").symlink_to(folder / _clinic(EXAMPLE_CLINIC)["logo"])
    result = build_for(tmp_path / "site", clinic)
    assert result.returncode == 0, output(result)
    src = _page(tmp_path / "site", "fr", "").select_one(".md-header .md-logo img")["src"]
    assert (tmp_path / "site" / src).read_bytes() == (EXAMPLE_CLINIC.parent / _clinic(EXAMPLE_CLINIC)["logo"]).read_bytes()


def test_every_text_of_the_clinic_file_has_a_length_limit(tmp_path):
    """A 1 MB name once made a 59 MB site: each text says its limit."""
    clinic = _clinic(EXAMPLE_CLINIC)
    clinic["name"] = "Cabinet " * 2000
    clinic["address"]["street"] = "rue " * 100
    clinic["practitioners"][0]["title"] = {"fr": "Médecin " * 30, "en": "Doctor"}
    clinic["practitioners"][0]["qualifications"] = ["DIU " * 60]
    clinic["practitioners"][0]["languages"] = ["fr", "en"] * 11
    clinic["legal"]["host"]["address"] = "avenue " * 40
    clinic["website"] = "https://cabinet.example/" + "a" * 600
    path = _write_clinic(tmp_path, **clinic)
    lines = _refusal(build_for(tmp_path / "site", path), path)
    assert sorted(lines) == sorted([
        "clinic.yml: name: over 120 characters (16000) — shorten it to 120 at most.",
        "clinic.yml: practitioners.1.title.fr: over 120 characters (240) — shorten it to 120 at most.",
        "clinic.yml: practitioners.1.languages: over 20 entries (22) — shorten it to 20 at most.",
        "clinic.yml: practitioners.1.qualifications.1.fr: over 200 characters (240) — shorten it to 200 at most.",
        "clinic.yml: practitioners.1.qualifications.1.en: over 200 characters (240) — shorten it to 200 at most.",
        "clinic.yml: address.street: over 200 characters (400) — shorten it to 200 at most.",
        "clinic.yml: website: is over 500 characters long (624) — give the page's address alone.",
        "clinic.yml: legal.host.address: over 200 characters (280) — shorten it to 200 at most.",
    ]), "\n".join(lines)
