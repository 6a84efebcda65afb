"""The hooks' structure, checked during a real build: the state of each build, static-i18n's internals the hooks
rely on (hooks/lib/language_folders.py), and the order MkDocs runs the handlers in (maintainers/architecture.md)."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from lib.build_state import state  # noqa: E402 - the hooks' shared code, from their folder
from lib.language_folders import inner_language_build  # noqa: E402
from lib.material import MATERIAL_CSS, check_templates, find  # noqa: E402

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


# A real build of the demo, run in this process with a handler of the test's own noting, in each language's
# build, what the hooks see.
def _build_noting(tmp_path, monkeypatch) -> tuple[object, list[tuple]]:
    monkeypatch.delenv("CLINIC_FILE", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    seen = []

    def note(config):
        i18n = config.plugins["i18n"]
        seen.append((config.theme["language"], hasattr(i18n, "building"), inner_language_build(config), state(config)))

    config.plugins.events["pre_build"].append(note)
    build(config)
    return config, seen


# static-i18n builds English inside the French build, and the hooks see it: were its `building` flag renamed,
# inner_language_build() would fail with a message rather than treat every language as the default one.
def test_static_i18n_inner_builds_are_detected(tmp_path, monkeypatch):
    config, seen = _build_noting(tmp_path, monkeypatch)
    assert [(language, has_flag, inner) for language, has_flag, inner, _ in seen] == [("fr", True, False), ("en", True, True)]
    assert seen[0][3] is seen[1][3] is state(config), "every language of one build shares one state"
    assert (tmp_path / "site/en/index.html").is_file()


# A second build starts from a fresh state, as each of mkdocs serve's rebuilds must: nothing a hook noted is kept.
def test_each_build_starts_a_fresh_state(tmp_path, monkeypatch):
    config, seen = _build_noting(tmp_path, monkeypatch)
    first = state(config)
    assert first.published_names and first.language("fr").search_pages
    config.plugins.events["pre_build"].pop()
    build(config)
    assert state(config) is not first


# Without static-i18n's flag, the hooks stop with a message naming what to check, instead of building every
# language as if it were the default one.
def test_a_renamed_static_i18n_flag_fails_loudly(monkeypatch):
    config = load_config(str(ROOT / "mkdocs.yml"))
    monkeypatch.delattr(config.plugins["i18n"], "building")
    with pytest.raises(PluginError, match="mkdocs-static-i18n.*building.*requirements.txt"):
        inner_language_build(config)


# Each event's handlers in the order MkDocs runs them: the hooks by file, static-i18n as "i18n".
def _handlers(config) -> dict[str, list[str]]:
    plugins = {id(plugin): name for name, plugin in config.plugins.items()}
    return {event: [plugins[id(handler.__self__)] if hasattr(handler, "__self__") else handler.__module__.removeprefix("hooks/")
                    for handler in handlers]
            for event, handlers in config.plugins.events.items() if handlers}


# The order maintainers/architecture.md describes, as MkDocs' plugin collection sees it.
ORDER = {
    "config": ["build_start.py", "hook_timing.py", "clinic.py", "site_strings.py", "triage.py", "sources.py", "languages.py",
               "i18n"],
    "pre_build": ["front_matter.py", "review.py", "search.py", "languages.py", "translations.py", "assets.py",
                  "output_safety.py"],
    "files": ["raw_html.py", "assets.py", "i18n", "clinic.py", "output_safety.py"],
    "nav": ["i18n"],
    "env": ["i18n", "preview_build.py", "clinic.py", "site_strings.py", "triage.py", "review.py", "glossary.py", "languages.py",
            "assets.py"],
    "page_markdown": ["i18n", "translations.py", "front_matter.py", "sources.py", "review.py"],
    "page_content": ["review.py", "search.py", "readability.py", "structured_data.py", "translations.py"],
    "page_context": ["i18n", "sources.py", "structured_data.py", "languages.py"],
    "template_context": ["i18n"],
    "post_page": ["clinic.py", "typography.py", "assets.py", "i18n"],
    "post_template": ["languages.py", "assets.py"],
    "post_build": ["front_matter.py", "search.py", "readability.py", "i18n", "assets.py", "output_safety.py",
                   "deploy.py", "hook_timing.py"],
}
# What must come before what, whatever the order of hooks: in mkdocs.yml (lib/priorities.py says why).
BEFORE = {
    "config": ["build_start.py", "hook_timing.py", "clinic.py", "languages.py", "i18n"],
    "pre_build": ["front_matter.py", "translations.py"],
    "files": ["i18n", "clinic.py", "output_safety.py"],
    "page_markdown": ["translations.py", "front_matter.py"],
    "page_content": ["review.py", "search.py"],
    "post_page": ["clinic.py", "typography.py", "assets.py", "i18n"],
    "post_template": ["languages.py", "assets.py"],
    "post_build": ["front_matter.py", "i18n", "assets.py", "output_safety.py", "deploy.py", "hook_timing.py"],
}


def test_handlers_run_in_the_documented_order():
    assert _handlers(load_config(str(ROOT / "mkdocs.yml"))) == ORDER


# The priorities, not the order of `hooks:` in mkdocs.yml, put the handlers that depend on each other in order.
def test_the_order_of_hooks_in_mkdocs_yml_only_breaks_ties():
    hooks = load_config(str(ROOT / "mkdocs.yml")).hooks
    handlers = _handlers(load_config(str(ROOT / "mkdocs.yml"), hooks=list(reversed(list(hooks)))))
    for event, names in BEFORE.items():
        assert [name for name in handlers[event] if name in names] == names, event


# A Material upgrade that renames a stylesheet the site bundles stops the build with its name, not a StopIteration.
def test_a_missing_material_stylesheet_is_named():
    files = ["assets/stylesheets/main.0123abcd.min.css", "assets/stylesheets/extra.css"]
    assert find(files, MATERIAL_CSS[:1], "bundled") == {MATERIAL_CSS[0]: files[0]}
    with pytest.raises(PluginError, match=r"Material for MkDocs [\d.]+ has no assets/stylesheets/palette\.\*\.min\.css "
                                          r"\(bundled\) — .*requirements\.txt.*hooks/lib/material\.py"):
        find(files, MATERIAL_CSS, "bundled")


# A template of overrides/ that builds on one Material no longer has stops the build, naming both.
def test_a_missing_material_template_is_named(tmp_path):
    (tmp_path / "overrides/partials").mkdir(parents=True)
    (tmp_path / "overrides/main.html").write_text('{% include "partials/toc.html" %}{% include "partials/gone.html" %}'
                                                  '{% include "partials/own.html" %}{% import "partials/languages/" ~ x %}')
    (tmp_path / "overrides/partials/own.html").write_text("")
    config = SimpleNamespace(theme=SimpleNamespace(custom_dir=str(tmp_path / "overrides"),
                                                   dirs=[str(tmp_path / "overrides"), str(MATERIAL_TEMPLATES)]))
    with pytest.raises(PluginError, match=r"has no partials/gone\.html \(overrides/main\.html uses it\)"):
        check_templates(config)
    (tmp_path / "overrides/main.html").write_text('{% include "partials/toc.html" %}')
    check_templates(config)
