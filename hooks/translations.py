"""Every page in both languages: a missing translation stops the build, a pending one shows the other
language's text under a notice, and a translation behind its French page or a paragraph in the wrong
language is reported."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from lib.build_state import BuildState, state
from lib.language_folders import inner_language_build
from lib.paragraph_language import wrong_language_lines
from lib.priorities import BEFORE_READING
from lib.translation_status import BEHIND, PageFile, TranslatedPage, language_name, missing_message, read_pages, site_languages

log = get_plugin_logger(__name__)

# Read every page in every language, once, in the default language's build (static-i18n builds the
# others inside it): a missing file stops the build; paragraphs in the wrong language are reported, all
# pages in one go (faster than page by page, between the rendering of pages).
def on_pre_build(config: MkDocsConfig) -> None:
    build = state(config)
    if inner_language_build(config) and build.translated_pages:
        return
    pages = read_pages(config)
    message = missing_message(pages, config)
    if message:
        raise PluginError(message)
    build.translated_pages = pages
    # A paragraph can only read as a language the site is written in: one whose pages all await their
    # translation is no candidate (a detector choosing among more languages is less sure).
    build.site_languages = [language for language in site_languages(config)
                            if any(page.files[language] and not page.files[language].pending for page in pages.values())]
    for translated in pages.values():
        for language, own in translated.files.items():
            if not own.pending:
                _report_wrong_language(build, own, language)


# Before the other hooks read the page: a pending page takes the other language's text; a written
# page is checked against its original.
@event_priority(BEFORE_READING)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = config.theme["language"]
    translated = state(config).translated_pages.get(page.file.src_uri.removeprefix(f"{language}/").removesuffix(".md"))
    if translated is None or page.file.generated_by:
        return markdown
    own = translated.files[language]
    if own.pending:
        return _stand_in(page, translated, language)
    if language != translated.original_language and translated.state(language) == BEHIND:
        log.warning(_behind_message(translated, language))
    return markdown


# A pending page's table of contents lists the other language's headings: mark them with its language.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("untranslated"):
        _mark_language(page.toc, page.meta["untranslated"])
    return html


# The other language's text in place of a pending page's, marked with its language and kept out of
# search; the page keeps its own front matter (title, description, review), in the reader's language.
def _stand_in(page: Page, translated: TranslatedPage, language: str) -> str:
    shown = translated.shown_for(language)
    page.meta.update(untranslated=shown, search_exclude=True)
    return f'<div lang="{shown}" markdown="1">\n\n{translated.files[shown].body.strip()}\n\n</div>\n'


# A warning for each paragraph of a page's file that reads as another language than the page's.
def _report_wrong_language(build: BuildState, own: PageFile, language: str) -> None:
    languages = build.site_languages
    found = build.remembered(("wrong language", own.body, own.first_line, language, tuple(languages)),
                             lambda: list(wrong_language_lines(own.body, own.first_line, language, languages)))
    for line, other in found:
        log.warning(
            f"{own.path}:{line}: this paragraph reads as {language_name(other)}, not"
            f" {language_name(language)} — translate it, or quote the words or mark them with a lang attribute."
        )


# The warning for a translation that does not follow the original's current text.
def _behind_message(translated: TranslatedPage, language: str) -> str:
    own, original = translated.files[language], translated.original
    stamp = f"make translations STAMP={translated.name}"
    if "translation_of" not in own.meta:
        return f"{own.path}: does not say which version of {original.path} it translates — check it, then run `{stamp}`."
    return (
        f"{own.path}: translation behind {original.path} (it follows version {own.meta['translation_of']},"
        f" the {language_name(translated.original_language)} text is now {original.version}) — update it, then run `{stamp}`."
    )


# Wrap each heading of a table of contents in an element that says its language.
def _mark_language(links: TableOfContents | list[AnchorLink], language: str) -> None:
    for link in links:
        link.title = f'<span lang="{language}">{link.title}</span>'
        _mark_language(link.children, language)
