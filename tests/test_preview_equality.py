"""The authors' preview (`make serve`) shows exactly the site `make site` would publish. The preview runs in a
project copy while an author and a clinic edit it as they do (a page's text and title, the glossary, the clinic
file, an interface string, a template, a page added then deleted, translations stamped); at several points every
file of a clean strict build of the same tree is fetched from the preview over HTTP and must be the same, byte for
byte, apart from what the preview adds, each exception said below. However the preview rebuilds (all of it, or only
what an edit touches), this is what it must keep doing."""
from __future__ import annotations

import difflib
import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
import yaml
from mkdocs.livereload import _SCRIPT_TEMPLATE_STR

from clinic_builds import output, run_build
from preview_server import BANNER, Preview, banner, fetch, preview, wait_for, words  # noqa: F401 - the fixture

# How long the preview may take to show an edit, which may start more than one rebuild (an edit, then its
# translation stamped), on a loaded 2-core machine.
SETTLE_DEADLINE = 90
# Files every comparison must have covered: both languages' pages, 404 pages and search indexes, the sitemap.
COVERED = {"index.html", "en/index.html", "faq/index.html", "en/faq/index.html", "glossaire/index.html",
           "en/glossaire/index.html", "404.html", "en/404.html", "search/index.json", "en/search/index.json",
           "sitemap.xml"}
MIN_FILES = 30
# Written by `make site` for the web server alone (hooks/deploy.py): a preview, served by MkDocs, has none.
SERVER_CONFIG = "nginx.conf"
# What MkDocs' live-reload server adds before a served page's last </body> (mkdocs/livereload/__init__.py,
# _inject_js_into_html): its script, with the build's epoch and the request's id.
LIVE_RELOAD = re.compile(re.escape(f"<script>{_SCRIPT_TEMPLATE_STR}</script>").replace(
    re.escape("${epoch}"), r"\d+").replace(re.escape("${request_id}"), r"\d+").encode() + rb"\Z")
# How much of the differences a failure shows: the first files, the first lines of each.
SHOWN_FILES, SHOWN_LINES, SHOWN_WIDTH = 3, 40, 300

NEW_PAGE = "preparation"
NEW_PAGE_FR = """---
title: Préparer sa séance
description: "Ce qu'il faut faire avant une séance de mésothérapie : noter ses questions, signaler ses médicaments, choisir ses habits."
updated: 2026-11-20
next_review: 2027-11-20
sources: [mansour, questions-reponses]
---

# Préparer sa séance

Avant la séance, notez vos questions sur une feuille. Apportez la liste de vos médicaments. Dites au médecin si vous
prenez un [anticoagulant](glossaire.md#anticoagulant). Portez des habits amples, faciles à ouvrir sur la zone à soigner.
"""
NEW_PAGE_EN = """---
title: Getting ready for a session
description: "What to do before a mesotherapy session: write down your questions, list your medicines and choose loose clothes."
updated: 2026-11-20
next_review: 2027-11-20
sources: [mansour, questions-reponses]
---

# Getting ready for a session

Before the session, write down your questions. Bring the list of your medicines. Tell the doctor if you take a
[blood thinner](glossaire.md#anticoagulant). Wear loose clothes that open easily over the area to treat.
"""
LINK_FR = "\nPour préparer votre venue, voyez [Préparer sa séance](preparation.md).\n"
LINK_EN = "\nTo get ready for your visit, see [Getting ready for a session](preparation.md).\n"


def test_the_preview_serves_what_make_site_builds(preview: Preview, tmp_path: Path) -> None:
    assert fetch(preview.address + SERVER_CONFIG)[0] == 404  # a preview is no site to deploy
    for number, edit in enumerate([_edit_texts, _edit_every_page, _add_a_page, _delete_the_page]):
        _compare_after(edit, preview, tmp_path / f"clean-{number}", SETTLE_DEADLINE)
    for gone in (f"{NEW_PAGE}/", f"{NEW_PAGE}/index.html", f"en/{NEW_PAGE}/"):
        assert fetch(preview.address + gone)[0] == 404, f"the deleted page is still served at {gone}"


def test_an_edit_in_data_alone_is_shown(preview: Preview, tmp_path: Path) -> None:
    _compare_after(_edit_an_interface_string, preview, tmp_path / "clean", SETTLE_DEADLINE)


# Make an edit, build the tree cleanly, and wait until the preview serves that build (apart from what it adds),
# the edit shown in both and nothing served beyond it.
def _compare_after(edit: Callable[[Path], dict[str, str]], preview: Preview, clean: Path, deadline: float) -> None:
    address, project, process, log = preview
    shown = edit(project)
    result = run_build(clean, project)
    assert result.returncode == 0, f"{edit.__name__}: no longer builds strictly:\n{output(result)[-3000:]}"
    for page, text in shown.items():
        assert text in words((clean / page).read_text(encoding="utf-8")), f"{edit.__name__}: {text!r} not in {page}"
    site_url = yaml.safe_load((project / "data/demo-clinic.yml").read_text(encoding="utf-8"))["site_url"]
    comparison = _Comparison(address, clean, site_url)
    wait_for(comparison, process, log, deadline, explain=comparison.report, pause=0.5)
    assert COVERED <= comparison.compared and len(comparison.compared) >= MIN_FILES, sorted(comparison.compared)
    assert comparison.deployment_files() == [], comparison.report()
    for page, text in shown.items():
        assert text in words(fetch(address + page)[1].decode("utf-8")), f"{edit.__name__}: not served in {page}"
    beyond = _served_beyond(address, clean, preview.temp)
    assert beyond == [], f"{edit.__name__}: the preview serves files make site has not: {beyond}"


# A French page's text, then its translation stamped as the authors do; an English page's text alone.
def _edit_texts(project: Path) -> dict[str, str]:
    _append(project / "docs/fr/faq.md", "\nCe paragraphe témoin vient d'être écrit par un auteur.\n")
    _stamp(project, "faq")
    _append(project / "docs/en/methode.md", "\nAn author has just written this sentence.\n")
    return {"faq/index.html": "paragraphe témoin vient d'être écrit",
            "en/methode/index.html": "just written this sentence"}


# Edits seen on every page: a title in both languages (menu, previous and next links), the glossary (the terms
# marked in every page), the clinic's name and phone (footer), an interface string, the footer's template.
def _edit_every_page(project: Path) -> dict[str, str]:
    # data/ is not among what the preview watches (commands/preview.py): the string is saved first, and the
    # watched files saved after it make the rebuild that reads it.
    _replace(project / "data/strings/en.yml", '"Go to the home page"', '"Back to the home page"')
    _replace(project / "docs/fr/histoire.md", "title: Histoire de la", "title: Histoire et origines de la")
    _replace(project / "docs/en/histoire.md", "title: History of", "title: History and origins of")
    _replace(project / "docs/fr/glossaire.md", "## Hématome {#hematome}", "## Hématome (bleu) {#hematome}")
    _stamp(project, "glossaire")
    _replace(project / "docs/en/glossaire.md", "when a joint twists", "when a joint turns too far")
    _replace(project / "data/demo-clinic.yml", "name: Cabinet de démonstration", "name: Cabinet des Tilleuls (démo)")
    _replace(project / "data/demo-clinic.yml", '"01 99 00 12 34"', '"01 99 00 56 78"')
    name = "        <strong>{{ clinic.name | e }}</strong>\n"
    phone = '        <a href="{{ clinic.phone.href | e }}">{{ clinic.phone.text | e }}</a>\n'
    _replace(project / "overrides/partials/footer.html", name + phone, phone + name)  # the phone before the name
    return {"methode/index.html": "Histoire et origines de la mésothérapie",
            "en/faq/index.html": "History and origins of mesotherapy",
            "effets-indesirables/index.html": "Hématome (bleu) Petit bleu sous",  # the term's definition in place
            "en/indications/index.html": "when a joint turns too far",
            "index.html": "56 78 Cabinet des Tilleuls (démo)", "en/404.html": "Back to the home page"}


# A new page in both languages, in the menu, linked from the FAQ; both translations stamped.
def _add_a_page(project: Path) -> dict[str, str]:
    (project / f"docs/fr/{NEW_PAGE}.md").write_text(NEW_PAGE_FR, encoding="utf-8")
    (project / f"docs/en/{NEW_PAGE}.md").write_text(NEW_PAGE_EN, encoding="utf-8")
    _replace(project / "mkdocs.yml", "  - apres-seance.md\n", f"  - apres-seance.md\n  - {NEW_PAGE}.md\n")
    _append(project / "docs/fr/faq.md", LINK_FR)
    _append(project / "docs/en/faq.md", LINK_EN)
    _stamp(project, NEW_PAGE, "faq")
    return {f"{NEW_PAGE}/index.html": "notez vos questions sur une feuille",
            f"en/{NEW_PAGE}/index.html": "write down your questions",
            "index.html": "Préparer sa séance", "en/faq/index.html": "see Getting ready for a session"}


# The new page deleted again: its links, its menu entry, its files; the FAQ's translation stamped.
def _delete_the_page(project: Path) -> dict[str, str]:
    _replace(project / "docs/fr/faq.md", LINK_FR, "")
    _replace(project / "docs/en/faq.md", LINK_EN, "")
    _replace(project / "mkdocs.yml", f"  - {NEW_PAGE}.md\n", "")
    (project / f"docs/fr/{NEW_PAGE}.md").unlink()
    (project / f"docs/en/{NEW_PAGE}.md").unlink()
    _stamp(project, "faq")
    return {"faq/index.html": "paragraphe témoin vient d'être écrit"}


# An interface string changed, and nothing else.
def _edit_an_interface_string(project: Path) -> dict[str, str]:
    _replace(project / "data/strings/fr.yml", '"Aller à l\'accueil"', '"Revenir à l\'accueil"')
    return {"404.html": "Revenir à l'accueil"}


class _Comparison:
    """Every file of a clean build, fetched from the preview and compared; called until they are the same (a
    rebuild in progress serves the last site: a difference that settles), it keeps the last differences."""

    def __init__(self, address: str, clean: Path, site_url: str) -> None:
        self.address, self.clean, self.site_url = address, clean, site_url
        self.compared: set[str] = set()
        self.differences: list[tuple[str, str]] = []
        self.banners: list[tuple[str, str]] = []

    # Whether the preview now serves the clean build, every file of it.
    def __call__(self) -> bool:
        self.compared, self.differences, self.banners = set(), [], []
        for name, built in self._built(deployment=False):
            self._compare(name, built)
        return not self.differences

    # Files written for the web server (hooks/deploy.py), asked for once the rest is the same: a preview, served
    # by MkDocs, has none (404). MkDocs writes a sitemap.xml.gz of its own, with its time stamp inside: served, it
    # must hold the same sitemap. Gives the differences.
    def deployment_files(self) -> list[tuple[str, str]]:
        for name, built in self._built(deployment=True):
            status, served = fetch(self.address + name)
            if status == 200 and name.endswith(".gz"):
                self._same(name, gzip.decompress(built), self._as_published(gzip.decompress(served)))
            elif status != 404:
                self.differences.append((name, f"served with status {status}, expected 404 or the same file"))
        return self.differences

    # The clean build's files, those written for the web server alone or the others.
    def _built(self, deployment: bool) -> list[tuple[str, bytes]]:
        files = [path for path in sorted(self.clean.rglob("*")) if path.is_file()]
        return [(path.relative_to(self.clean).as_posix(), path.read_bytes()) for path in files
                if (path.name == SERVER_CONFIG or path.suffix == ".gz") == deployment]

    # What still differed when the deadline passed: the preview's banners, then the first files' differences.
    def report(self) -> str:
        shown = [f"banner on {page}: {text}" for page, text in self.banners]
        shown += [f"{name}: {difference}" for name, difference in self.differences[:SHOWN_FILES]]
        return (f"the preview still differs from make site in {len(self.differences)} file(s): "
                f"{', '.join(name for name, _ in self.differences)}\n" + "\n".join(shown))

    def _compare(self, name: str, built: bytes) -> None:
        status, served = fetch(self.address + name)
        if status != 200:
            self.differences.append((name, f"status {status}"))
            return
        if name.endswith(".html"):
            served = self._without_live_reload(name, served)
            if BANNER.encode() in served:
                self.banners.append((name, banner(served.decode("utf-8", "replace")) or ""))
        self._same(name, built, self._as_published(served))

    # The preview serves on its own address where the clean build has the clinic's site_url: that address, as
    # written in pages and the sitemap, and JSON-escaped ("http:\/\/…"), becomes the clinic's before comparing.
    def _as_published(self, served: bytes) -> bytes:
        preview, published = self.address.rstrip("/"), self.site_url.rstrip("/")
        for form in (lambda url: url, lambda url: url.replace("/", "\\/")):
            served = served.replace(form(preview).encode(), form(published).encode())
        return served

    # A page as built: the live-reload script MkDocs' server puts before the last </body> taken out (it must
    # be there, once, exactly as MkDocs writes it).
    def _without_live_reload(self, name: str, served: bytes) -> bytes:
        body_end = served.rfind(b"</body>")
        body_end = len(served) if body_end < 0 else body_end
        script = LIVE_RELOAD.search(served, 0, body_end)
        if script is None:
            self.differences.append((name, "no live-reload script before </body>"))
            return served
        return served[:script.start()] + served[body_end:]

    def _same(self, name: str, built: bytes, served: bytes) -> None:
        self.compared.add(name)
        if built != served:
            self.differences.append((name, "\n" + _short_diff(name, built, served)))


# The first lines of a unified diff, JSON laid out one value a line so that a difference is found in it.
def _short_diff(name: str, built: bytes, served: bytes) -> str:
    texts = [content.decode("utf-8", "replace") for content in (built, served)]
    if name.endswith(".json"):
        try:
            texts = [json.dumps(json.loads(text), indent=1, ensure_ascii=False) for text in texts]
        except ValueError:
            pass
    lines = list(difflib.unified_diff(texts[0].splitlines(), texts[1].splitlines(), "make site", "preview", n=2,
                                      lineterm=""))[:SHOWN_LINES]
    whole = list(lines)
    for number, line in enumerate(whole):
        start = 0
        if number >= 2 and line[:1] in "-+":  # after the two file names, a changed line
            # A long changed line is shown from a little before where it starts to differ from its counterpart.
            other = next((near for near in whole[number + 1:number + 2] + whole[max(2, number - 1):number]
                          if near[:1] in "-+" and near[:1] != line[:1]), "")
            start = max(0, len(os.path.commonprefix([line[1:], other[1:]])) - SHOWN_WIDTH // 3)
        lines[number] = line[:1] + ("…" if start else "") + line[1 + start:1 + start + SHOWN_WIDTH]
    return "\n".join(lines) or "(differ in bytes only: line endings or encoding)"


# Files of the preview's folders that the clean build lacks and the preview serves all the same. The preview's
# site is among its temporary folders (a folder with a sitemap.xml); each file there is asked for over HTTP.
def _served_beyond(address: str, clean: Path, temp: Path) -> list[str]:
    roots = {sitemap.parent for sitemap in temp.rglob("sitemap.xml")}
    assert roots, f"no site found among the preview's temporary folders in {temp}"
    names = {path.relative_to(root).as_posix() for root in roots for path in root.rglob("*") if path.is_file()}
    return [name for name in sorted(names) if not (clean / name).exists() and fetch(address + name)[0] != 404]


def _stamp(project: Path, *names: str) -> None:
    result = subprocess.run([sys.executable, "commands/translation_status.py", "--stamp", *names], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, output(result)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: {old!r} is no longer there once"
    path.write_text(text.replace(old, new), encoding="utf-8")
