"""The medical review belongs to the clinic: the demo says that no physician reviewed its pages and names no
reviewer; a clinic's pages and structured data name its own recorded reviewer; a clinic file without a review,
or whose review is older than the medical content, stops the build with a clear message while the last good
site stays; `make review` records a review and says what changed."""
from __future__ import annotations

import datetime
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date

from clinic_builds import CLINIC_FILE, EXAMPLE_CLINIC, build_for, output, project_copy
from conftest import ROOT, soup
from site_pages import built_pages

sys.path.insert(0, str(ROOT / "hooks"))
from lib.clinic_file import luhn, rpps_problem  # noqa: E402 - the clinic file's own checks

LOCALES = {"fr": "fr", "en": "en_GB"}
REVIEWED = {"fr": "Relecture médicale : {by}, {date}", "en": "Medically reviewed by {by} on {date}"}
NOT_REVIEWED = {"fr": "ces textes médicaux n'ont pas été relus par un médecin",
                "en": "these medical texts have not been reviewed by a physician"}
DEMO_POLICY = {"fr": "aucun médecin n'a relu ses textes médicaux", "en": "no physician has reviewed its medical texts"}
VENV = ROOT / ".venv"
# The fictional reviewer the pages once named: no build may show it.
FORMER_REVIEWER = "Claire Exemple"


def _text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def _file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def _json_ld(html) -> list[dict]:
    nodes = []
    for script in html.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        nodes += data.get("@graph", [data])
    return nodes


def _medical_pages(site: Path) -> list[tuple[str, object]]:
    """Every built page with the review block (the medical content pages), parsed."""
    pages = [(path, soup(_file(site, path))) for path in built_pages(site) if path.endswith("/") or not path]
    found = [(path, html) for path, html in pages if html.select_one("article .site-review")]
    assert len(found) >= 20, "the medical pages of both languages"
    return found


def _make(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`make` in a copy of the project, with the project's own virtual environment (no reinstalling)."""
    command = ["make", "--no-print-directory", "-o", f"{VENV}/.installed-build", f"VENV={VENV}", *arguments]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)


def _changed_clinic(folder: Path, change) -> Path:
    """The example clinic file, changed, written into folder with its logo beside it."""
    clinic = yaml.safe_load(EXAMPLE_CLINIC.read_text(encoding="utf-8"))
    shutil.copy(EXAMPLE_CLINIC.parent / clinic["logo"], folder)
    change(clinic)
    path = folder / "clinic.yml"
    path.write_text(yaml.safe_dump(clinic, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---- The demo: not reviewed, and said so -----------------------------------------------------------------

def test_demo_says_its_medical_pages_were_reviewed_by_nobody(site):
    for path in built_pages(site):
        page = _file(site, path).read_text(encoding="utf-8")
        assert FORMER_REVIEWER not in page, path
        assert "reviewedBy" not in page and "lastReviewed" not in page, path
    for path, html in _medical_pages(site):
        language = html.html["lang"]
        assert NOT_REVIEWED[language] in _text(html.select_one("article .site-review")), path
        banner = _text(html.select_one(".site-example"))
        assert {"fr": "n'ont pas été relus par un médecin", "en": "have not been reviewed by a physician"}[language] in banner
    for language, prefix in (("fr", ""), ("en", "en/")):
        policy = soup(site / prefix / "sources/index.html").select_one("article p.review-policy")
        assert DEMO_POLICY[language] in _text(policy)


# ---- A clinic: its own physician's review, on every medical page and for search engines ----------------------

def test_example_clinic_pages_name_its_recorded_reviewer(example_site):
    clinic = yaml.safe_load(EXAMPLE_CLINIC.read_text(encoding="utf-8"))
    review = clinic["medical_review"]
    others = [p["name"] for p in clinic["practitioners"] if p["name"] != review["by"]]
    assert review["by"] in [p["name"] for p in clinic["practitioners"]] and others
    for language in LOCALES:
        physicians = [node for node in _json_ld(soup(example_site / ("en/" if language == "en" else "") / "cabinet/index.html"))
                      if node["@type"] == "IndividualPhysician"]
        reviewer = next(node for node in physicians if node["name"] == review["by"])
        assert all(node["identifier"] == {"@type": "PropertyValue", "propertyID": "RPPS", "value": p["rpps"]}
                   for node, p in zip(physicians, clinic["practitioners"]))
        expected = REVIEWED[language].format(by=review["by"], date=format_date(review["date"], "long", locale=LOCALES[language]))
        pages = [(path, html) for path, html in _medical_pages(example_site) if html.html["lang"] == language]
        for path, html in pages:
            block = html.select_one("article .site-review")
            assert expected in _text(block), path
            assert block.select("time")[-1]["datetime"] == review["date"].isoformat()
            assert not any(name in _text(block) for name in others), path
            page = next(node for node in _json_ld(html) if node["@type"] in ("MedicalWebPage", ["MedicalWebPage", "FAQPage"]))
            assert page["lastReviewed"] == review["date"].isoformat(), path
            assert page["reviewedBy"]["@id"] == reviewer["@id"] and page["reviewedBy"]["name"] == review["by"], path
            assert page["reviewedBy"]["@type"] == "Person" and "creativeWorkStatus" not in page
        policy = soup(example_site / ("en/" if language == "en" else "") / "sources/index.html").select_one("article p.review-policy")
        assert review["by"] in _text(policy) and format_date(review["date"], "long", locale=LOCALES[language]) in _text(policy)
    for path in built_pages(example_site):
        assert FORMER_REVIEWER not in _file(example_site, path).read_text(encoding="utf-8"), path


# ---- Clinic files that cannot be published ------------------------------------------------------------------

def _flip_check_digit(clinic: dict) -> None:
    rpps = clinic["practitioners"][0]["rpps"]
    clinic["practitioners"][0]["rpps"] = rpps[:-1] + str((int(rpps[-1]) + 1) % 10)


def _advertise(clinic: dict) -> None:
    clinic["practitioners"][1]["qualifications"].append({"fr": "Résultats garantis", "en": "Guaranteed results"})


BROKEN_REVIEWS = {
    "no review": (lambda clinic: clinic.pop("medical_review"),
                  r"medical_review: missing — one of the practice's physicians must read .* run  make review BY=\"Dr …\" CLINIC=\S*clinic\.yml .*"),
    "bad RPPS": (_flip_check_digit,
                 r"practitioners\.1\.rpps: '\d{11}' is not an RPPS number: its last digit does not match the others \(check digit\) — .*"),
    "unknown reviewer": (lambda clinic: clinic["medical_review"].update(by="Dr Claire Exemple"),
                         r"medical_review: by: 'Dr Claire Exemple' is not one of the practitioners — write the name exactly as under practitioners: .*"),
    "unknown sector": (lambda clinic: clinic["practitioners"][0].update(convention="secteur 3"),
                       r"practitioners\.1\.convention: 'secteur 3' is not a convention situation — write secteur 1, secteur 2 or non conventionné\."),
    "advertising": (_advertise,
                    r"practitioners\.2\.qualifications\.2\.fr: 'Résultats garantis' reads as advertising \('garantis'\) — .*charter.*"),
    "ranking field": (lambda clinic: clinic.update(ranking="Top 10 Lyon"),
                      r"ranking: not allowed — the Ordre des médecins' charter for doctors' websites forbids testimonials, .*"),
    "review in the future": (lambda clinic: clinic["medical_review"].update(date=datetime.date.today() + datetime.timedelta(days=2)),
                             r"medical_review\.date: \d{4}-\d\d-\d\d is in the future — write the day the physician reviewed the pages\."),
}


@pytest.mark.parametrize("case", BROKEN_REVIEWS)
def test_clinic_file_that_cannot_be_published_stops_the_build(tmp_path, case):
    change, expected = BROKEN_REVIEWS[case]
    clinic = _changed_clinic(tmp_path, change)
    result = build_for(tmp_path / "site", clinic)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text, text
    lines = [line.split("-  ", 1)[-1].replace(str(clinic), "clinic.yml") for line in text.splitlines()]
    assert any(re.fullmatch(rf"clinic\.yml: {expected}", line) for line in lines), text
    assert not (tmp_path / "site" / "index.html").exists()


def test_advertising_in_english_is_refused_too(tmp_path):
    clinic = _changed_clinic(tmp_path, lambda c: c["practitioners"][0].update(title={"fr": "Médecin du sport", "en": "The best sports doctor"}))
    result = build_for(tmp_path / "site", clinic)
    assert result.returncode != 0 and "Traceback" not in output(result)
    assert "practitioners.1.title.en: 'The best sports doctor' reads as advertising ('best')" in output(result)


# ---- A review older than the medical content, and make review -----------------------------------------------

def test_changed_medical_content_stops_make_site_until_make_review(tmp_path):
    project = project_copy(tmp_path / "project").parent
    clinic_file = "examples/lyon-clinic.yml"
    clinic_path = project / clinic_file
    reviewer, other = [p["name"] for p in yaml.safe_load(clinic_path.read_text(encoding="utf-8"))["practitioners"]][::-1]
    # Recorded for the content as it is now (whatever the committed stamp): then the site builds.
    recorded = _make(project, "review", f"BY={reviewer}", f"CLINIC={clinic_file}")
    assert recorded.returncode == 0, output(recorded)
    assert f"Recorded in {clinic_file}: medical_review by {reviewer}" in recorded.stdout
    site = project / "site"
    good = _make(project, "site", f"CLINIC={clinic_file}")
    assert good.returncode == 0, output(good)
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}

    # An editorial date is no medical change.
    histoire = project / "docs/fr/histoire.md"
    histoire.write_text(re.sub(r"(?m)^next_review:.*$", f"next_review: {datetime.date.today() + datetime.timedelta(days=400)}",
                               histoire.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    assert build_for(tmp_path / "dates-only", clinic_path, project / "mkdocs.yml").returncode == 0

    faq = project / "docs/en/faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nThe clinic can tell you more about your own case.\n", encoding="utf-8")
    stale = _make(project, "site", f"CLINIC={clinic_file}")
    text = output(stale)
    assert stale.returncode != 0 and "Traceback" not in text, text
    assert f"{clinic_file}: medical_review: the medical content changed since {reviewer} reviewed it on" in text
    listed = re.findall(r"^\s+(\S+) \((changed|new|removed)\)$", text, re.M)
    assert listed == [("docs/en/faq.md", "changed")], text
    assert f'make review BY="{reviewer}" CLINIC={clinic_file}' in text
    assert f"Build failed: {site.name}/ was left as it was." in stale.stderr
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before

    # The preview only says so.
    assert "NOTICE: preview only, not ready to publish" in _serve_log(project, clinic_path)

    written = clinic_path.read_text(encoding="utf-8")
    again = _make(project, "review", f"BY={other}", f"CLINIC={clinic_file}")
    assert again.returncode == 0, output(again)
    assert re.search(rf"Changed since the review of \S+ by {reviewer} \(version [0-9a-f]{{12}}\):\n\s+docs/en/faq\.md \(changed\)", again.stdout)
    rewritten = clinic_path.read_text(encoding="utf-8")
    block = re.compile(r"(?m)^medical_review:\n(  .*\n)+")
    assert block.sub("", rewritten) == block.sub("", written), "the rest of the file as it was written"
    assert yaml.safe_load(rewritten)["medical_review"]["by"] == other
    rebuilt = _make(project, "site", f"CLINIC={clinic_file}")
    assert rebuilt.returncode == 0, output(rebuilt)
    assert REVIEWED["fr"].format(by=other, date="") in _text(soup(site / "faq/index.html").select_one(".site-review"))


def _serve_log(project: Path, clinic: Path) -> str:
    """What the authors' preview (`make serve`) prints until it serves the site (or stops)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, CLINIC_FILE: str(clinic), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "commands/preview.py", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()
    log = []
    try:
        while not any("Serving on" in line for line in log):
            log.append(lines.get(timeout=120))
    except queue.Empty:
        pass
    finally:
        server.terminate()
        server.wait(timeout=30)
    return "".join(log)


def test_make_review_refuses_a_name_that_is_not_a_practitioner(tmp_path):
    project = project_copy(tmp_path / "project").parent
    clinic = project / "examples/lyon-clinic.yml"
    before = clinic.read_text(encoding="utf-8")
    result = _make(project, "review", "BY=Dr Claire Exemple", "CLINIC=examples/lyon-clinic.yml")
    assert result.returncode != 0 and "Traceback" not in output(result)
    assert "BY: 'Dr Claire Exemple' is not one of the practitioners of examples/lyon-clinic.yml" in result.stderr
    missing = _make(project, "review", "CLINIC=examples/lyon-clinic.yml")
    assert missing.returncode != 0 and "BY: missing" in missing.stderr
    assert clinic.read_text(encoding="utf-8") == before


def test_make_review_adds_the_review_to_a_file_without_one(tmp_path):
    """A clinic's first review: the block is added at the end, the file's comments kept, and the site builds."""
    project = project_copy(tmp_path / "project").parent
    text = (project / "examples/lyon-clinic.yml").read_text(encoding="utf-8")
    unreviewed = re.sub(r"(?m)^# The physician of the practice who reviewed.*\n(#.*\n)*medical_review:\n(  .*\n)+", "", text)
    assert "medical_review" not in unreviewed
    clinic = project / "examples/mine.yml"
    clinic.write_text(unreviewed, encoding="utf-8")
    result = _make(project, "review", "BY=Dr Samir Exemple", "CLINIC=examples/mine.yml")
    assert result.returncode == 0, output(result)
    assert "First medical review for examples/mine.yml" in result.stdout
    written = clinic.read_text(encoding="utf-8")
    assert written.startswith(unreviewed.rstrip("\n")) and written.count("medical_review:") == 1
    assert build_for(tmp_path / "site", clinic, project / "mkdocs.yml").returncode == 0


# ---- The RPPS check digit -------------------------------------------------------------------------------------

@pytest.mark.parametrize("number,valid", [
    ("79927398713", True),      # the Luhn algorithm's textbook example
    ("79927398710", False),
    ("19999900004", True),
    ("19999900005", False),
    ("73282932000074", True),   # a SIRET number
    ("73282932000075", False),
])
def test_luhn_check_digit(number, valid):
    assert luhn(number) is valid


def test_rpps_numbers_are_checked_with_their_check_digit():
    assert rpps_problem("19999900004") is None and rpps_problem("1999 9900 004") is None
    assert "check digit" in rpps_problem("19999900005")
    assert "write its 11 digits" in rpps_problem("1999990000")
    assert "write its 11 digits" in rpps_problem("1999990000a")
