"""Review on each page: the editorial dates, and the clinic's medical review (or, in the demo, that there is
none), written out in the reader's language; a medical review older than the medical content stops the build.

The medical pages are shared by every clinic: the physician of the practice who publishes them reviews them
(the clinic file's `medical_review`, written by `make review`). When the medical content changes after that
review, a strict build (`make site`, `mkdocs build`) stops with the files changed since; the preview (`make serve`)
builds without strict mode and only prints them, so that editors can preview a change before the physician reads it.
"""
from __future__ import annotations

import datetime
import functools
import html
from pathlib import Path

from babel.dates import format_date
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lib import site_strings
from lib.build_state import state
from lib.language_folders import inner_language_build
from lib.locales import babel_locale
from lib.priorities import BEFORE_READING
from lib.medical_content import changes, content_version, file_versions, snapshot

log = get_plugin_logger(__name__)

# Where a page's Markdown asks for the sentence saying who reviewed the medical content (the Sources page).
POLICY_MARK = "<!-- medical-review -->"


# Check the clinic's medical review against the medical content, once (static-i18n builds the other languages
# inside the default one), after the front matter checks.
def on_pre_build(config: MkDocsConfig) -> None:
    if inner_language_build(config):
        return
    review = config.extra["clinic"]["medical_review"]
    if review is None:
        return
    project = Path(config.config_file_path).parent
    versions = file_versions(state(config).files, project, Path(config.docs_dir))
    if content_version(versions) == review["version"]:
        return
    changed = changes(snapshot(project, review["version"]), versions)
    message = (f"{review['clinic_file']}: medical_review: the medical content changed since {review['by']} reviewed it "
               f"on {review['date']} (version {review['version']}, now {content_version(versions)}); changed since:\n  "
               + "\n  ".join(changed)
               + f"\n— once a physician of the practice has read them, run  make review BY=\"{review['by']}\" "
                 f"CLINIC={review['clinic_file']}  (or another practitioner's name) to record the review.")
    if not config.strict:  # the authors' preview (make serve): reported on the pages, never published
        log.info(f"NOTICE: preview only, not ready to publish: {message}")
        return
    raise PluginError(message)


# The page template's medical review line, in this language; None in the demo.
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    review = config.extra["clinic"]["medical_review"]
    env.globals["medical_review"] = review and {
        "by": review["by"], "date": review["date"],
        "date_text": _written(datetime.date.fromisoformat(review["date"]), "long", babel_locale(config.theme["language"]))}
    return env


# Spell out the editorial dates in the page's language ("20 novembre 2026", "November 2027").
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = babel_locale(config.theme["language"])
    updated, next_review = page.meta.get("updated"), page.meta.get("next_review")
    if isinstance(updated, datetime.date):
        page.meta["updated_text"] = _written(updated, "long", language)
    if isinstance(next_review, datetime.date):
        page.meta["next_review_text"] = _written(next_review, "MMMM y", language)
    return markdown


# Say on the page that asks for it (the Sources page) who reviewed the medical content, or that nobody did. Pages
# are read before MkDocs makes the templates' environment: the strings come from site_strings. Before search and
# the reading level read the page.
@event_priority(BEFORE_READING)
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if POLICY_MARK not in html_text:
        return html_text
    language = config.theme["language"]
    review = config.extra["clinic"]["medical_review"]
    if review is None:
        policy = site_strings.text(config, "site.review_policy.none", language)
    else:
        date_text = _written(datetime.date.fromisoformat(review["date"]), "long", babel_locale(language))
        policy = site_strings.text(config, "site.review_policy", language).replace("{name}", review["by"]).replace("{date}", date_text)
    return html_text.replace(POLICY_MARK, f'<p class="review-policy">{html.escape(policy, quote=False)}</p>')


# A date in words; pages share a handful of dates, so each is written once.
@functools.lru_cache(maxsize=256)
def _written(date: datetime.date, form: str, locale: str) -> str:
    return format_date(date, format=form, locale=locale)
