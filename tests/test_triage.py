"""One triage for the whole site: the levels of data/triage/<language>.yml (when to seek help after a session)
are checked at build, shown as they are in every care box and footer, and no page's text sends a sign to the
numbers of another level."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from clinic_builds import output, project_copy
from conftest import LANGUAGES, ROOT, build, page_path, soup

sys.path.insert(0, str(ROOT / "hooks"))
from triage import TRIAGE_FOLDER, load  # noqa: E402 - the hook's own reading of the files

CONFIGURED = [entry["locale"] for plugin in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
              if isinstance(plugin, dict) and "i18n" in plugin for entry in plugin["i18n"]["languages"]]
TRIAGE = load(ROOT, CONFIGURED)
# Elements whose text is one statement; a block ending with ":" is read with the list after it.
BLOCKS = ["p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"]
# What may follow a number that is a duration, a quantity or a count rather than a number to call.
NOT_DIALLED = r"(?![\d\s\u00a0\u202f]*\d)(?![\s\u00a0\u202f]*(?:%|mm|cm|ml|mg|min|h\b|heures?|hours?|jours?|days?|semaines?|weeks?|mois|months?|ans?\b|years?|fois|times|points?|séances?|sessions?))"


def _care_pages() -> list[tuple[str, str]]:
    """Every page whose front matter asks for the care box: its language and slug."""
    pages = []
    for language in LANGUAGES:
        for path in sorted((ROOT / "docs" / language).glob("*.md")):
            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            if meta.get("care_box"):
                pages.append((language, "" if path.stem == "index" else f"{path.stem}/"))
    return pages


def _all_pages(site: Path) -> list[Path]:
    """Every built page of the site, in every language."""
    return sorted(site.rglob("*.html"))


def _bare(text: str) -> str:
    """Text without its white space: typography may change the spaces, never the words."""
    return "".join(text.split())


def misrouted(html: str, triage: dict) -> list[str]:
    """Sentences of a page, outside its care box, that give a number to call for signs of levels that number is
    not for (e.g. an itchy patch and 15): the signs of the sentence, or where it names none ("Call 112."), those
    of the last sentence before it in the same block that does."""
    page = BeautifulSoup(html, "html.parser")
    for box in page.select("aside.site-care"):
        box.decompose()
    levels = triage["levels"]
    numbers = {entry["href"]: entry["number"] for level in levels for entry in level["numbers"] if not entry.get("practice")}
    mentions = {href: re.compile(r"(?<![\d,.])" + r"[\s\u00a0\u202f]*".join(map(re.escape, dialled.split())) + NOT_DIALLED)
                for href, dialled in numbers.items()}
    words = [re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, level.get("words", []))) + r")", re.I)
             if level.get("words") else None for level in levels]
    found = []
    for block in page.find_all(BLOCKS):
        text = block.get_text(" ")
        following = block.find_next_sibling()
        if text.rstrip().endswith(":") and following is not None and following.name in ("ul", "ol"):
            text += " " + " ; ".join(item.get_text(" ") for item in following.find_all("li"))
        named: set[int] = set()  # the levels whose signs the last sentence naming any names
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            named = {index for index, pattern in enumerate(words) if pattern and pattern.search(sentence)} or named
            for href, pattern in mentions.items():
                answering = {index for index, level in enumerate(levels) if href in _hrefs(level)}
                if pattern.search(sentence) and named and not named & answering:
                    found.append(sentence)
    return found


def _hrefs(level: dict) -> set[str]:
    return {entry["href"] for entry in level["numbers"] if not entry.get("practice")}


# --- The data files ------------------------------------------------------------------------------------------

def test_every_configured_language_has_its_file_with_the_same_levels():
    assert set(TRIAGE) == set(CONFIGURED) and len(CONFIGURED) >= 2
    shapes = {language: [(level["id"], len(level["signs"]), [entry.get("href", "practice") for entry in level["numbers"]])
                         for level in data["levels"]] for language, data in TRIAGE.items()}
    assert len({repr(shape) for shape in shapes.values()}) == 1, shapes
    assert [level["id"] for level in TRIAGE[CONFIGURED[0]]["levels"]] == ["maintenant", "jour-meme", "sans-urgence"]


@pytest.mark.parametrize("language", CONFIGURED)
def test_no_sign_is_under_two_levels_and_emergencies_are_national(language):
    signs = [_bare(sign).lower() for level in TRIAGE[language]["levels"] for sign in level["signs"]]
    assert len(signs) == len(set(signs))
    first, *later = TRIAGE[language]["levels"]
    assert [entry["number"] for entry in first["numbers"]] == ["15", "112"]
    assert all(not entry.get("practice") for entry in first["numbers"]), "the practice is not for an emergency"
    assert later[0]["numbers"][0].get("practice") and "116 117" in [e.get("number") for e in later[0]["numbers"]]


def _write(folder: Path, language: str, data: dict) -> None:
    (folder / TRIAGE_FOLDER).mkdir(parents=True, exist_ok=True)
    (folder / TRIAGE_FOLDER / f"{language}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_wrong_file_is_refused_with_its_name_and_field(tmp_path):
    french, english = (yaml.safe_load((ROOT / TRIAGE_FOLDER / f"{language}.yml").read_text(encoding="utf-8"))
                       for language in ("fr", "en"))
    french["levels"][2]["signs"].append(french["levels"][0]["signs"][0])  # an emergency sign, also "without urgency"
    french["levels"][1]["numbers"][1]["href"] = "tel:116 117"
    french["levels"][0]["colour"] = "red"
    _write(tmp_path, "fr", french)
    _write(tmp_path, "en", english)
    with pytest.raises(PluginError) as refused:
        load(tmp_path, ["fr", "en"])
    message = str(refused.value)
    assert "data/triage/fr.yml: levels.3.signs: 'du mal à respirer' is also a sign of levels.1" in message
    assert "data/triage/fr.yml: levels.2.numbers.2.href: 'tel:116 117' does not dial 116 117 — write tel:116117." in message
    assert "data/triage/fr.yml: levels.1.colour: unknown field" in message

    # Each file right, but the languages differ.
    french = yaml.safe_load((ROOT / TRIAGE_FOLDER / "fr.yml").read_text(encoding="utf-8"))
    del english["levels"][1]["signs"][0]
    english["levels"][0]["numbers"].reverse()
    _write(tmp_path, "fr", french)
    _write(tmp_path, "en", english)
    with pytest.raises(PluginError) as refused:
        load(tmp_path, ["fr", "en"])
    message = str(refused.value)
    assert "data/triage/en.yml: levels.2 (jour-meme).signs: 2 signs, data/triage/fr.yml has 3" in message
    assert "data/triage/en.yml: levels.1 (maintenant).numbers: tel:112, tel:15, data/triage/fr.yml has tel:15, tel:112" in message

    # A language configured without its file.
    with pytest.raises(PluginError, match=r"data/triage/de\.yml: missing — copy data/triage/fr\.yml"):
        load(tmp_path, ["fr", "en", "de"])


def test_the_build_stops_on_a_wrong_file_without_a_traceback(tmp_path):
    project = project_copy(tmp_path / "project").parent
    english = project / TRIAGE_FOLDER / "en.yml"
    english.write_text(english.read_text(encoding="utf-8").replace("  - id: jour-meme\n", "  - id: same-day\n"),
                       encoding="utf-8")
    result = build(tmp_path / "site", project / "mkdocs.yml")
    assert result.returncode != 0
    assert "data/triage/en.yml: levels: ids maintenant, same-day, sans-urgence — data/triage/fr.yml has " \
           "maintenant, jour-meme, sans-urgence" in output(result)
    assert "Traceback" not in output(result)


# --- The built pages -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language,slug", _care_pages())
def test_care_box_shows_the_data_files_levels_signs_and_numbers(site, language, slug):
    html = soup(page_path(site, language, slug))
    practice = html.select_one("footer .site-contact a[href^='tel:']")  # the clinic's number, as the footer gives it
    levels = html.select("article aside.site-care section.site-care__level")
    data = TRIAGE[language]
    assert len(levels) == len(data["levels"])
    for shown, level in zip(levels, data["levels"]):
        heading = shown.select_one("h3")
        assert heading["id"] == f"quand-consulter-{level['id']}"
        assert _bare(heading.get_text()).endswith(_bare(level["title"]))
        assert [_bare(li.get_text()) for li in shown.select(".site-care__signs > li")] == [_bare(s) for s in level["signs"]]
        assert _bare(level["action"]) in _bare(shown.get_text())
        expected = [(practice["href"], practice.get_text(), entry["label"]) if entry.get("practice")
                    else (entry["href"], entry["number"], entry["label"]) for entry in level["numbers"]]
        links = [(item.a["href"], item.a.get_text(), item.get_text()) for item in shown.select(".site-care__numbers > li")]
        assert [(href, text) for href, text, _ in links] == [(href, text) for href, text, _ in expected]
        for (_, _, item), (_, _, label) in zip(links, expected):
            assert _bare(item).endswith(_bare(f"({label})"))


def test_no_page_sends_a_sign_to_another_levels_number(site):
    checked = 0
    for path in _all_pages(site):
        relative = path.relative_to(site).as_posix()
        language = next((code for code, folder in LANGUAGES.items() if folder and relative.startswith(folder)),
                        next(code for code, folder in LANGUAGES.items() if not folder))
        assert misrouted(path.read_text(encoding="utf-8"), TRIAGE[language]) == [], relative
        checked += 1
    assert checked >= 2 * 12


@pytest.mark.parametrize("language,wrong,right", [
    ("fr", "<p>Des plaques qui démangent quelques jours après ? Appelez le 15.</p>",
     "<p>Gêne pour respirer ou plaques qui démangent et s'étendent : appelez le 15.</p>"),
    ("fr", "<p>Un bleu ou une boule dure, appelez le 112 ou le 15 :</p><ul><li>sans attendre.</li></ul>",
     "<p>Un bleu disparaît en 15 jours. Du mal à respirer : appelez le 112.</p>"),
    ("fr", "<p>Si vous avez :</p><ul><li>un hématome ;</li><li>appelez le <a href='tel:15'>15</a></li></ul>",
     "<p>Un hématome est fréquent. Il passe seul.</p>"),
    ("en", "<ul><li>An itchy rash a few days later: call 15 (in France) or 112.</li></ul>",
     "<ul><li>Trouble breathing or a swollen face: call 15 (in France) or 112. A bruise fades by itself.</li></ul>"),
    ("en", "<p>A fever after a session? Call 112.</p>", "<p>A fever after a session? Call the practice the same day.</p>"),
])
def test_the_rule_finds_a_misrouted_sign(language, wrong, right):
    page = "<html><body><article>{}<aside class='site-care'><p>Un bleu : 15</p></aside></article></body></html>"
    assert misrouted(page.format(wrong), TRIAGE[language]), wrong
    assert misrouted(page.format(right), TRIAGE[language]) == [], right
