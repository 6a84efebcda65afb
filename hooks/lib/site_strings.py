"""The site's interface strings, one data file per language (data/strings/<language>.yml), checked before anything
is built (hooks/site_strings.py) and given to the templates (partials/site-strings.html, read through lang.t(key)) and to the hooks that
write text into pages (the Sources page's headings, the review policy).

A language the site is built in provides every string of the default language's file; the strings that name
another language ("site.untranslated.en": "Until it is, here is its English text") are needed only where that
other language's text is shown, and a missing one stops the build when a page needs it."""
from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .bibliography import load as sources
from .language_folders import default_language
from .plain_text import not_plain
from .yaml_limits import error_place

STRINGS_FOLDER = "data/strings"
# Strings about another language, one per language: the notice above a pending page's stand-in text, and the
# language of a source written in another language. A language needs the one for the default language's text.
ABOUT_LANGUAGE = ("site.untranslated.", "site.source_language.")
# Strings of the site's own; any other key is Material's (partials/languages/<language>.html).
OWN = ("site.", "clinic.", "legal.", "action.skip")


# A string in a language; "" for one of Material's own keys (the templates then ask Material); a string of the
# site's own missing in that language stops the build, naming the key, the language and the file.
def text(config: MkDocsConfig, key: str, language: str) -> str:
    strings = config.extra["site_strings"]
    if key in strings.get(language, {}):
        return strings[language][key]
    if key.startswith(OWN) or any(key in table for table in strings.values()):
        raise PluginError(f"{STRINGS_FOLDER}/{language}.yml: {key}: missing — add the line {key}: \"…\" in this "
                          "language (see the same key in the other languages' files).")
    return ""


# Every configured language's strings, by language; one PluginError listing every problem of every file.
def load(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    root = Path(config.config_file_path).parent
    default = default_language(config)
    languages = [default] + [entry.locale for entry in config.plugins["i18n"].config.languages if entry.locale != default]
    tables, problems = {}, []
    for language in languages:
        table, found = _read(root, language, default)
        tables[language], problems = table, problems + found
    required = [key for key in tables[default] if not key.startswith(ABOUT_LANGUAGE)]
    source_languages = {entry["language"] for entry in sources(config).values()}
    for language in languages[1:]:
        needed = required + [f"site.untranslated.{default}"]
        needed += [f"site.source_language.{other}" for other in sorted(source_languages) if other != language]
        missing = [key for key in needed if key not in tables[language]]
        if tables[language] and missing:
            problems.append(f"{STRINGS_FOLDER}/{language}.yml: missing {len(missing)} string(s): {', '.join(missing)} — "
                            f"add them in this language (the same keys as {STRINGS_FOLDER}/{default}.yml).")
    if problems:
        raise PluginError("\n".join(problems))
    return tables


# One language's strings and the problems of its file: text on one line, without markup or double quotes (the
# templates write strings into attributes as they are).
def _read(root: Path, language: str, default: str) -> tuple[dict[str, str], list[str]]:
    name = f"{STRINGS_FOLDER}/{language}.yml"
    try:
        data = yaml.load((root / name).read_text(encoding="utf-8"), yaml.CSafeLoader)
    except FileNotFoundError:
        return {}, [f"{name}: missing — copy {STRINGS_FOLDER}/{default}.yml to it and translate every string."]
    except (OSError, UnicodeDecodeError) as error:
        return {}, [f"{name}: cannot be read ({error}) — save it as UTF-8 text."]
    except yaml.YAMLError as error:
        return {}, [f"{name}: not valid YAML ({error_place(error)}) — fix the syntax."]
    if not isinstance(data, dict) or not data:
        return {}, [f"{name}: must list the strings, one per line: key: \"text\" — see {STRINGS_FOLDER}/{default}.yml."]
    table, problems = {}, []
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{name}: {key}: must be a text — write {key}: \"…\".")
        elif problem := not_plain(value) or ('holds \'"\', which ends the attribute it is written in — use “ ” instead'
                                             if '"' in value else None):
            problems.append(f"{name}: {key}: {problem}.")
        else:
            table[str(key)] = value
    return table, problems
