"""`make serve`: the authors' preview, which never sticks.

MkDocs' own server stops at the first warning of a strict build and freezes on an error until it is fixed. Here
the site is built without strict mode; each warning is printed in the terminal as usual and also shown at the top
of the page it concerns, in a banner; a build that fails (invalid front matter, unsafe HTML…) serves a page
saying why at every address, until the author saves the fixed file and the preview reloads by itself. The banners
and the error page exist in this command alone: `make site` (commands/build_site.py) never imports it.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import html
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from mkdocs.__main__ import ColorFormatter
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer, _serve_url
from watchdog.observers import Observer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
# Set by this command alone, to a folder for the preview's caches: the hooks skip work a preview does not need.
from lib import site_strings  # noqa: E402 - the interface strings, as the hooks read them
from lib.preview import MEMO_ATTRIBUTE, PREVIEW_FLAG, Memo  # noqa: E402 - the hooks' own names for them
from file_watchers import FileWatchers  # noqa: E402 - beside this file
from page_cache import PageCache  # noqa: E402
# A Markdown source named in a message: "docs/en/faq.md", or "en/faq.md" as MkDocs' link checks name it.
_SOURCE = re.compile(r"(?:docs/)?((?:[\w.-]+/)*[\w.-]+\.md)\b")
# A message about one source: after the hook's name ("hooks/translations: "), it opens with that source.
_SUBJECT = re.compile(r"(?:[\w.-]+/[\w.-]+: )?(?:Doc file ')?" + _SOURCE.pattern)
# What the hooks call information for the editors that a preview prints and a build refuses.
_NOTICE = "NOTICE:"

MEMORY_FOLDER = "/dev/shm"
# Seconds after a rebuild when its garbage is collected: once the browsers have reloaded.
COLLECT_AFTER = 0.5
# Seconds without a change after which a save is over and the rebuild starts: a save is a burst of changes within
# a few milliseconds (MkDocs waits a tenth of a second).
SAVE_SETTLED = 0.05

log = logging.getLogger("mkdocs.preview")


class PageProblems(logging.Handler):
    """The warnings and notices of one build, each under the pages it concerns (None: the whole site), errors
    aside for the error page; reset at each build."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.by_source: dict[str | None, list[str]] = {}
        self.errors: list[str] = []

    # A warning, or a notice for the editors (an overdue review, a review to record), under its pages.
    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
        elif record.levelno >= logging.WARNING or _NOTICE in message:
            for source in pages_concerned(message) or [None]:
                self.by_source.setdefault(source, []).append(message)


# The Markdown sources a message is about: the one it opens with ("docs/en/faq.md: translation behind
# docs/fr/faq.md", "Doc file 'fr/faq.md' contains a link…"), else every one it names.
def pages_concerned(message: str) -> list[str]:
    subject = _SUBJECT.match(message)
    if subject:
        return [subject.group(1)]
    return list(dict.fromkeys(found.group(1) for found in _SOURCE.finditer(message)))


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, which serves the error page at every page address while the build fails, and
    hears of a saved file at once."""

    build_error: str | None = None
    _bound = False

    # MkDocs looks for changes every half second; the system's own notices (inotify, FSEvents…) come at once.
    # Its polling stays, for the folders that send none (some network and container mounts).
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.observer = FileWatchers(self.observer, Observer())
        self.build_delay = SAVE_SETTLED

    # Bound once, before the first build, so that the free port taken for "port 0" is known to the build.
    def server_bind(self) -> None:
        if not self._bound:
            super().server_bind()
            self._bound = True

    # While the last build failed, every page address gets the error page (with the live-reload script, so
    # that it goes away by itself); files and the live-reload poll are served as usual.
    def _serve_request(self, environ: dict, start_response) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"]
        error = self.build_error
        if error is None or path.startswith("/livereload/") or not _is_page_address(path):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:
            epoch = self._visible_epoch
        content = self._inject_js_into_html(_error_page(error).encode(), epoch)
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(content)))])
        return [content]


# Serve the site with live reload until interrupted.
def main() -> int:
    arguments = _arguments()
    _print_log()
    signal.signal(signal.SIGTERM, _stop)
    site_dir = tempfile.mkdtemp(prefix="preview_", dir=_memory_folder())
    caches = tempfile.mkdtemp(prefix="preview-caches_", dir=_memory_folder())
    os.environ[PREVIEW_FLAG] = caches
    host, port = arguments.dev_addr.rsplit(":", 1)
    server: PreviewServer | None = None
    pages = PageCache()  # each page re-rendered only when what it is made from changed
    pages.install()
    memo = Memo()  # the hooks' work on unchanged input, done once (hooks/lib/preview.py)

    # One preview build: never strict, its warnings in banners, its failure in the error page.
    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building the preview…")
        problems = PageProblems()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(problems)
        error = None
        memo.new_build(_code_version(Path(arguments.config_file).resolve().parent / "hooks"))
        rebuild = config is None
        if rebuild:
            gc.disable()  # collected once the rebuild is served (_collect_later)
        try:
            config = config or _config(arguments.config_file, site_dir, serve_url)
            setattr(config, MEMO_ATTRIBUTE, memo)
            pages.build(config, serve_url=serve_url)
            _add_banners(config, problems.by_source)
            log.info("Page steps run: %d; unchanged, from the cache: %d", pages.steps["run"], pages.steps["reused"])
        except (Exception, SystemExit) as failure:  # noqa: BLE001 - any failure is shown, the server goes on
            error = _failure_text(failure, problems.errors)
            log.error("The preview shows this error on every page until it is fixed:\n%s", error)
        finally:
            mkdocs_log.removeHandler(problems)
            if rebuild:
                _collect_later()
        if server is not None:
            server.build_error = error

    config = _config(arguments.config_file, site_dir, "")
    mount_path = urlsplit(config.site_url or "/").path
    server = PreviewServer(builder=builder, host=host, port=int(port), root=site_dir, mount_path=mount_path)
    server.server_bind()
    serve_url = server.url = _serve_url(host, server.server_address[1], mount_path)
    try:
        config.site_url = serve_url
        builder(config)
        data = Path(config.config_file_path).parent / "data"  # what the hooks read: sources, triage, strings…
        for path in (config.docs_dir, config.config_file_path, config.theme.custom_dir, data):  # overrides/ too
            if path and os.path.exists(path):
                server.watch(str(path))
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for path in config.watch:  # the clinic file among them (hooks/clinic.py)
            server.watch(path)
        server.serve()
    except KeyboardInterrupt:
        log.info("Preview stopped.")
    finally:
        server.shutdown()
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.rmtree(caches, ignore_errors=True)
    return 0


# Python's cycle collector walks every object the preview keeps (the page cache, the memo) each time it runs: a
# tenth of a second or more, once or twice in a rebuild. It waits during a rebuild, and runs just after.
def _collect_later() -> None:
    def collect() -> None:
        gc.collect()
        gc.enable()

    timer = threading.Timer(COLLECT_AFTER, collect)
    timer.daemon = True
    timer.start()


# A version of the hooks' code: the memo forgets their work when it changes.
def _code_version(hooks: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(hooks.rglob("*.py")):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# A folder in memory where the system has one (Linux's /dev/shm): every rebuild writes the whole site again, and
# there, creating its thousands of folders and files is several times faster than on disk. None: the usual one,
# also when TMPDIR says which it is.
def _memory_folder() -> str | None:
    usable = os.path.isdir(MEMORY_FOLDER) and os.access(MEMORY_FOLDER, os.W_OK)
    return MEMORY_FOLDER if usable and not os.environ.get("TMPDIR") else None


# Stopped by another program (SIGTERM) as by Ctrl-C: the preview's temporary folders are removed.
def _stop(number: int, frame: object) -> None:
    raise KeyboardInterrupt


# The command line: the address to serve on and the MkDocs configuration.
def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port (port 0: any free port)")
    parser.add_argument("--config-file", default="mkdocs.yml")
    return parser.parse_args()


# MkDocs' terminal output, as `mkdocs serve` prints it.
def _print_log() -> None:
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.propagate = False
    mkdocs_log.setLevel(logging.INFO)
    stream = logging.StreamHandler()
    stream.setFormatter(ColorFormatter())
    mkdocs_log.addHandler(stream)


# The configuration of one preview build: mkdocs.yml, never strict, built into the preview's folder. Each
# build loads the hooks afresh: each is told it serves a preview (a stale review is only reported, hooks/review.py).
def _config(config_file: str, site_dir: str, serve_url: str) -> MkDocsConfig:
    config = load_config(config_file=config_file, site_dir=site_dir, strict=False)
    config.plugins.on_startup(command="serve", dirty=False)
    if serve_url:
        config.site_url = serve_url
    return config


# A failed build in words: the errors MkDocs logged, else the exception's own message.
def _failure_text(failure: BaseException, logged: list[str]) -> str:
    said = str(failure).strip()
    if isinstance(failure, (Abort, SystemExit)) or not said:
        said = ""
    return "\n".join(dict.fromkeys(logged + ([said] if said else []))) or type(failure).__name__


# Each page's warnings at the top of its content; warnings that name no page (or none of the site's) on the
# home page of each language.
def _add_banners(config: MkDocsConfig, by_source: dict[str | None, list[str]]) -> None:
    site = Path(config.site_dir)
    homes = [site / root / "index.html" for root in _language_roots(config).values()]
    for source, messages in by_source.items():
        built = _built_page(config, source) if source else None
        for page in [built] if built and built.exists() else homes:
            if page.exists():
                _insert_banner(page, messages, config)


# Each language's folder in the site ("" for the default language).
def _language_roots(config: MkDocsConfig) -> dict[str, str]:
    return {entry.locale: entry.link.strip("/") for entry in config.plugins["i18n"].config.languages}


# The built page of a Markdown source ("en/faq.md" → site/en/faq/index.html), None if it is no page.
def _built_page(config: MkDocsConfig, source: str) -> Path | None:
    language, _, rest = source.partition("/")
    roots = _language_roots(config)
    if language not in roots or not rest:
        return None
    stem = rest[: -len(".md")]
    name = stem.rpartition("/")[2]
    if name in ("index", "README"):
        page = stem[: -len(name)] + "index.html"
    elif config.use_directory_urls:
        page = f"{stem}/index.html"
    else:
        page = f"{stem}.html"
    return Path(config.site_dir, roots[language], page)


# The banner written just inside the page's <article> (messages hold file names and text from the pages).
def _insert_banner(page: Path, messages: list[str], config: MkDocsConfig) -> None:
    text = page.read_text(encoding="utf-8")
    finder = _ContentStart()
    finder.feed(text)
    if finder.content_at is None:
        return
    # The heading in the page's language, from the interface strings the build has just read (data/strings/).
    banner = problems_banner(messages, site_strings.text(config, "site.preview.title", finder.language.split("-")[0]))
    page.write_text(text[: finder.content_at] + banner + text[finder.content_at:], encoding="utf-8")


# A page's problems as a warning box under its heading, every message escaped.
def problems_banner(messages: list[str], title: str) -> str:
    items = "".join(f"<li>{html.escape(message)}</li>" for message in messages)
    return (f'<div class="admonition warning preview-problems" role="status">'
            f'<p class="admonition-title">{html.escape(title)}</p>'
            f"<ul>{items}</ul></div>")


class _ContentStart(HTMLParser):
    """Where a built page's content starts (just after <article id="content">), and the page's language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.content_at: int | None = None
        self.language = "en"
        self._line_starts = [0]

    def feed(self, data: str) -> None:
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", data)]
        super().feed(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.language = dict(attrs).get("lang") or self.language
        if tag == "article" and dict(attrs).get("id") == "content" and self.content_at is None:
            line, column = self.getpos()
            self.content_at = self._line_starts[line - 1] + column + len(self.get_starttag_text() or "")


# Whether an address is a page's (a folder, an .html file or a name without extension), not a file's.
def _is_page_address(path: str) -> bool:
    name = path.rpartition("/")[2]
    return not name or name.endswith(".html") or "." not in name


# The page served while the build fails: what failed, in the author's words, escaped.
def _error_page(error: str) -> str:
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview: build error</title>"
            "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
            "pre{white-space:pre-wrap;background:#fdecea;border-left:4px solid #c62828;padding:1rem}</style>"
            "</head><body><h1>The preview cannot show the site</h1>"
            "<p>The build stopped on this error. Fix the file and save it: the page comes back by itself.</p>"
            f"<pre class=\"preview-error\">{html.escape(error)}</pre></body></html>")


if __name__ == "__main__":
    sys.exit(main())
