"""When to seek help after a session: one triage for the whole site, in levels from the most urgent, read from
one data file per language (data/triage/<language>.yml), checked before anything is built, and given to the
templates: the care box (partials/care-box.html) and the footer's emergency line (partials/footer.html)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from lib.language_folders import site_language_entries
from lib.yaml_limits import error_place

TRIAGE_FOLDER = "data/triage"
# What each part of the file holds, for the messages.
FIELDS = {
    "title": "the care box's heading",
    "footer": "the footer's line: text (before the first level's numbers) and link (to the care box)",
    "levels": "the levels, most urgent first",
}
FOOTER_FIELDS = {"text": "the words before the first level's numbers", "link": "the words of the link to the care box"}
LEVEL_FIELDS = {
    "id": "the level's name in the page's addresses, the same in every language, e.g. jour-meme",
    "title": "the level's heading, e.g. Now",
    "action": "what to do",
    "numbers": "the numbers to call (number, href, label), or practice: true for the practice's number",
    "signs": "the signs of this level, one per line",
    "words": "how the pages' words for these signs begin, for the tests",
}
NUMBER_FIELDS = {"number": "as dialled, e.g. \"116 117\"", "href": "tel: and its digits, e.g. tel:116117",
                 "label": "words in brackets after it", "practice": "true for the practice's own number"}
# A level's id: lower-case words joined by hyphens, as the site's anchors are.
LEVEL_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A number to dial: digits, in groups separated by single spaces.
DIALLED = re.compile(r"^\d+(?: \d+)*$")


# Read and check every configured language's triage once the configuration is read (a wrong file stops the
# build before anything is built).
def on_config(config: MkDocsConfig) -> None:
    config.extra["triage"] = load(Path(config.config_file_path).parent, _languages(config))


# Give the templates this build language's triage.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["triage"] = config.extra["triage"][config.theme["language"]]
    return env


# Every language's triage, by language; one PluginError listing every problem of every file, then where the
# languages' files differ in their structure (level ids and order, number of signs, numbers).
def load(root: Path, languages: list[str]) -> dict[str, dict]:
    triage, problems = {}, []
    for language in languages:
        name = f"{TRIAGE_FOLDER}/{language}.yml"
        data, found = _read(root / name, name, f"{TRIAGE_FOLDER}/{languages[0]}.yml")
        problems += found
        if data is not None:
            triage[language] = data
    if not problems:
        problems += _differences(triage)
    if problems:
        raise PluginError("\n".join(problems))
    return triage


# The languages the site is built in, from static-i18n's settings.
def _languages(config: MkDocsConfig) -> list[str]:
    return [entry.locale for entry in site_language_entries(config)]


# One file read and checked: its data (None if unusable) and its problems, one line each.
def _read(path: Path, name: str, model: str) -> tuple[dict | None, list[str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        return None, [f"{name}: missing — copy {model} to it and translate its texts (keep its levels, ids and numbers)."]
    except yaml.YAMLError as error:
        return None, [f"{name}: not valid YAML ({error_place(error)}) — fix the syntax."]
    if not isinstance(data, dict):
        return None, [f"{name}: must hold the fields {', '.join(FIELDS)} — see {model} for the layout."]
    problems = _unknown(name, "", data, FIELDS)
    problems += _text(name, "title", data.get("title"))
    footer = data.get("footer")
    if isinstance(footer, dict):
        problems += _unknown(name, "footer.", footer, FOOTER_FIELDS)
        problems += [problem for field in FOOTER_FIELDS for problem in _text(name, f"footer.{field}", footer.get(field))]
    else:
        problems.append(f"{name}: footer: must hold {FIELDS['footer']}, each on its own indented line.")
    levels = data.get("levels")
    if not isinstance(levels, list) or not levels:
        problems.append(f"{name}: levels: must list {FIELDS['levels']}, each starting with \"- id:\".")
        return data, problems
    seen_ids: set = set()
    seen_signs: dict[str, str] = {}
    for number, level in enumerate(levels, 1):
        where = f"levels.{number}"
        if not isinstance(level, dict):
            problems.append(f"{name}: {where}: must hold the fields {', '.join(LEVEL_FIELDS)}.")
            continue
        problems += _unknown(name, f"{where}.", level, LEVEL_FIELDS)
        level_id = level.get("id")
        if not isinstance(level_id, str) or not LEVEL_ID.match(level_id):
            problems.append(f"{name}: {where}.id: {level_id!r} is not usable — write {LEVEL_FIELDS['id']}.")
        elif level_id in seen_ids:
            problems.append(f"{name}: {where}.id: {level_id!r} is already a level's id — give each level its own.")
        seen_ids.add(level_id)
        problems += _text(name, f"{where}.title", level.get("title"))
        problems += _text(name, f"{where}.action", level.get("action"))
        problems += _numbers(name, f"{where}.numbers", level.get("numbers"))
        problems += _texts(name, f"{where}.signs", level.get("signs"))
        problems += _texts(name, f"{where}.words", level.get("words", []), required=False)
        for sign in level.get("signs") if isinstance(level.get("signs"), list) else []:
            if isinstance(sign, str):
                key = " ".join(sign.lower().split())
                if key in seen_signs:
                    problems.append(f"{name}: {where}.signs: {sign!r} is also a sign of {seen_signs[key]} — "
                                    "keep each sign under one level only.")
                seen_signs.setdefault(key, where)
    return data, problems


# A level's numbers: each a number to dial with its tel: link, or the practice's number.
def _numbers(name: str, where: str, numbers: Any) -> list[str]:
    if not isinstance(numbers, list) or not numbers:
        return [f"{name}: {where}: must list {LEVEL_FIELDS['numbers']}."]
    problems = []
    for position, entry in enumerate(numbers, 1):
        at = f"{where}.{position}"
        if not isinstance(entry, dict):
            problems.append(f"{name}: {at}: must hold number, href and label, or practice: true and label.")
            continue
        problems += _unknown(name, f"{at}.", entry, NUMBER_FIELDS)
        problems += _text(name, f"{at}.label", entry.get("label"))
        if "practice" in entry:
            if entry["practice"] is not True or {"number", "href"} & entry.keys():
                problems.append(f"{name}: {at}: practice: true stands for the practice's number (from the clinic "
                                "file) — write it alone with a label, without number or href.")
            continue
        dialled = entry.get("number")
        if not isinstance(dialled, str) or not DIALLED.match(dialled):
            problems.append(f"{name}: {at}.number: {dialled!r} is not a number to dial — write its digits in quotes, "
                            "grouped as people say them, e.g. \"116 117\".")
        elif entry.get("href") != "tel:" + dialled.replace(" ", ""):
            problems.append(f"{name}: {at}.href: {entry.get('href')!r} does not dial {dialled} — write "
                            f"tel:{dialled.replace(' ', '')}.")
    return problems


# Where the languages' files differ: level ids in order, then for each level its number of signs and its numbers.
def _differences(triage: dict[str, dict]) -> list[str]:
    if len(triage) < 2:
        return []
    (first, reference), *others = triage.items()
    problems = []
    for language, data in others:
        name, reference_name = f"{TRIAGE_FOLDER}/{language}.yml", f"{TRIAGE_FOLDER}/{first}.yml"
        ids, reference_ids = [level["id"] for level in data["levels"]], [level["id"] for level in reference["levels"]]
        if ids != reference_ids:
            problems.append(f"{name}: levels: ids {', '.join(ids)} — {reference_name} has {', '.join(reference_ids)}; "
                            "every language lists the same levels in the same order.")
            continue
        for number, (level, reference_level) in enumerate(zip(data["levels"], reference["levels"]), 1):
            where = f"{name}: levels.{number} ({level['id']})"
            if len(level["signs"]) != len(reference_level["signs"]):
                problems.append(f"{where}.signs: {len(level['signs'])} signs, {reference_name} has "
                                f"{len(reference_level['signs'])} — every language lists the same signs in the same order.")
            if _dialled(level) != _dialled(reference_level):
                problems.append(f"{where}.numbers: {', '.join(_dialled(level))}, {reference_name} has "
                                f"{', '.join(_dialled(reference_level))} — every language gives the same numbers in the same order.")
    return problems


# A level's numbers as dialled ("practice" for the practice's number).
def _dialled(level: dict) -> list[str]:
    return ["practice" if entry.get("practice") else entry["href"] for entry in level["numbers"]]


# A field that must be text.
def _text(name: str, where: str, value: Any) -> list[str]:
    if isinstance(value, str) and value.strip():
        return []
    return [f"{name}: {where}: {'missing' if value is None else 'must be text'} — write it"
            + (", in quotes if it holds a colon." if value is not None else ".")]


# A field that must list texts.
def _texts(name: str, where: str, values: Any, required: bool = True) -> list[str]:
    if isinstance(values, list) and (values or not required) and all(isinstance(v, str) and v.strip() for v in values):
        return []
    return [f"{name}: {where}: must list texts, one \"- …\" line each (in quotes if one holds a colon)."]


# Fields the file does not know, with the ones it does.
def _unknown(name: str, where: str, data: dict, known: dict) -> list[str]:
    return [f"{name}: {where}{field}: unknown field — the fields here are: {', '.join(known)}."
            for field in data if field not in known]
