"""The order of the hooks' handlers, by name. MkDocs runs each event's handlers from the highest priority to the
lowest (0 without @event_priority); the order of `hooks:` in mkdocs.yml only breaks ties, so a handler that must
come before or after another says so here. maintainers/architecture.md has the table; tests/test_architecture.py
checks it as MkDocs sees it."""
from __future__ import annotations

# A fresh state for the build (hooks/build_start.py), before anything reads or notes anything.
FIRST = 100
# The timer wraps every handler below it (hooks/hook_timing.py).
TIMING = 90
# The clinic file sets the site's address before the hooks that read it (hreflang, canonical links).
SITE_ADDRESS = 60
# Before the other hooks read the pages: the front matter checked, a pending translation's text swapped in, the
# review sentence added before search and the reading level read the page. (static-i18n's page events run at 50.)
BEFORE_READING = 50
# The finished text of a page: French no-break spaces once every hook has added its words.
FINISHED_TEXT = -10
# The finished HTML of a page: its class names noted for the stylesheet, after every change to it.
FINISHED_HTML = -50
# static-i18n's own: its on_config and on_files sort the language's files, its on_post_build builds every other
# language, inside the default language's build. For reference: no hook uses it.
STATIC_I18N = -100
# Once static-i18n has sorted the language's files: the clinic's logo and stylesheet added.
AFTER_LANGUAGE_FILES = -110
# Once every file of the language is placed (static-i18n's and the clinic's): where each comes from, noted.
FILES_PLACED = -150
# Below STATIC_I18N in on_post_build: after every language is built. The stylesheet bundled, assets renamed.
AFTER_ALL_LANGUAGES = -200
# The finished site, assets renamed, held to the output allowlist.
CHECK_OUTPUT = -250
# The checked site compressed, nginx.conf written.
COMPRESS = -300
# After everything: the timing report.
LAST = -1000
