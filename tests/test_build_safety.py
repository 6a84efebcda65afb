"""`make site` as careless hands and attackers use it: two builds at once, a read-only or linked site folder,
a build cut short during its swap, a clinic path made to run a command, and inputs made to exhaust memory,
stack or time (YAML aliases, deep nesting, huge pages and files). Each is refused quickly, in words, with the
file and line or field, never with a traceback, and the last good site stays as it was."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clinic_builds import BUILD_SITE, CLINIC_FILE, make_site, output, project_copy, run_build, snapshot
from conftest import ROOT
from site_pages import built_pages

# Nine aliases of nine aliases … eight levels deep: 43 million values from a dozen lines.
ALIAS_BOMB = 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
    f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]\n" for level in range(1, 9))
DEEP = "[" * 400 + "]" * 400
# The time a refusal may take at most: these inputs used to take from 20 seconds to 9 minutes, or crash.
QUICKLY = 60


@pytest.fixture
def last_site(tmp_path) -> Path:
    """A site folder holding a previous build (a stand-in: the command must leave it as it is)."""
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<p>the last good site</p>", encoding="utf-8")
    (site / "en/index.html").write_text("<p>the last good site, in English</p>", encoding="utf-8")
    return site


def assert_refused(result: subprocess.CompletedProcess, site: Path, before: dict, expected: str) -> None:
    """Refused in words (the expected line among them), the site folder as it was, nothing left beside it."""
    text = output(result)
    assert result.returncode != 0, text
    assert "Traceback" not in text, text
    assert re.search(expected, text, re.M), f"{expected}\nnot in:\n{text}"
    assert f"Build failed: {site}/ was left as it was." in result.stderr
    assert snapshot(site) == before
    assert sorted(path.name for path in site.parent.iterdir() if path.name.startswith(site.name)) == [site.name]


# ---- Inputs that used to exhaust memory, stack or time ----------------------------------------------------

def _front_matter_alias_bomb(project: Path) -> None:
    _edit(project / "docs/fr/histoire.md", "sources:", ALIAS_BOMB + "sources: *a8\nold_sources:")


def _front_matter_too_deep(project: Path) -> None:
    _edit(project / "docs/en/faq.md", "title:", f"tags: {DEEP}\ntitle:")


def _page_too_long(project: Path) -> None:
    page = project / "docs/fr/methode.md"
    page.write_text(page.read_text(encoding="utf-8") + "Une phrase de plus sur la séance.\n" * 150_000, encoding="utf-8")


@pytest.mark.parametrize("change,expected", [
    (_front_matter_alias_bomb, r"docs/fr/histoire\.md: front matter: .*line \d+: an alias \(\*name\) .* not allowed"),
    (_front_matter_too_deep, r"docs/en/faq\.md: front matter: .*line \d+: lists or fields nested more than 50 levels deep"),
    (_page_too_long, r"docs/fr/methode\.md: longer than the 256 kB a page may hold — split it"),
], ids=["alias bomb", "nesting", "5 MB page"])
def test_pages_made_to_exhaust_the_build_are_refused_quickly(tmp_path, last_site, change, expected):
    project = project_copy(tmp_path / "project").parent
    change(project)
    before = snapshot(last_site)
    start = time.monotonic()
    result = run_build(last_site, project)
    assert time.monotonic() - start < QUICKLY
    assert_refused(result, last_site, before, expected)


@pytest.mark.parametrize("text,expected", [
    (ALIAS_BOMB + "hours:\n  monday: *a8\n", r"clinic\.yml: line 2, column 10: an alias \(\*name\) .* write the value out in full\."),
    (f"name: {DEEP}\n", r"clinic\.yml: line 1, column \d+: lists or fields nested more than 50 levels deep — flatten them\."),
    ("name: " + "x" * 1_000_000 + "\n", r"clinic\.yml: longer than the 100 kB a clinic file may hold"),
], ids=["alias bomb", "nesting", "1 MB name"])
def test_clinic_files_made_to_exhaust_the_build_are_refused_quickly(tmp_path, last_site, text, expected):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text(text, encoding="utf-8")
    before = snapshot(last_site)
    start = time.monotonic()
    result = run_build(last_site, clinic=clinic)
    assert time.monotonic() - start < QUICKLY
    assert_refused(result, last_site, before, expected.replace(r"clinic\.yml", re.escape(str(clinic))))


def test_running_out_of_stack_is_said_in_words(tmp_path, last_site):
    """The last resort, for whatever the checks miss: a hook that recurses without end."""
    config = project_copy(tmp_path / "project")
    (tmp_path / "project/hooks/endless.py").write_text(
        "def on_config(config):\n    return on_config(config)\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "  - hooks/endless.py\n", encoding="utf-8")
    before = snapshot(last_site)
    result = run_build(last_site, config.parent)
    assert_refused(result, last_site, before, r"^Error: the build met something nested too deeply — .*flatten it\.$")


# ---- The site folder -------------------------------------------------------------------------------------

def test_two_builds_at_once_each_leave_a_complete_site(tmp_path, site):
    built = tmp_path / "site"
    command = ["make", "--no-print-directory", "-o", ".venv/.installed-build", "site", f"SITE={built}"]
    builds = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    answers = [build.communicate(timeout=600) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], answers
    assert any(f"Another build of {built}/ is running: waiting for it to end" in stderr for _, stderr in answers)
    assert all(f"Site built in {built}/" in stdout for stdout, _ in answers)
    assert built_pages(built) == built_pages(site)
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_site_folder_linked_to_the_web_root_stays_a_link_and_its_target_gets_the_site(tmp_path):
    web_root = tmp_path / "www/site"
    web_root.mkdir(parents=True)
    (web_root / "index.html").write_text("<p>the site uploaded last time</p>", encoding="utf-8")
    (web_root / "stale.html").write_text("<p>a page since removed</p>", encoding="utf-8")
    link = tmp_path / "project/site"
    link.parent.mkdir()
    link.symlink_to(web_root)
    result = run_build(link)
    assert result.returncode == 0, output(result)
    assert link.is_symlink() and os.readlink(link) == str(web_root)
    assert "Cabinet de démonstration" in (web_root / "index.html").read_text(encoding="utf-8")
    assert (web_root / "en/cabinet/index.html").is_file()
    assert not (web_root / "stale.html").exists()
    assert sorted(path.name for path in web_root.parent.iterdir()) == [".site.lock", "site"]


@pytest.mark.parametrize("locked", ["site", "en", "parent"])
def test_a_read_only_site_fails_in_words_and_is_kept(tmp_path, last_site, locked):
    before = snapshot(last_site)
    folders = {"site": [last_site, *last_site.rglob("*")], "en": [last_site / "en"], "parent": [last_site.parent]}[locked]
    for folder in folders:
        folder.chmod(folder.stat().st_mode & ~0o222)
    try:
        result = subprocess.run(_without_root_powers([sys.executable, str(BUILD_SITE)]), cwd=ROOT, capture_output=True,
                                text=True, timeout=600, env={**os.environ, "SITE_DIR": str(last_site), CLINIC_FILE: ""})
    finally:
        for folder in folders:
            folder.chmod(folder.stat().st_mode | 0o200)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text, text
    expected = {"site": re.escape(f"{last_site}/ is read-only — make it writable"),
                "en": re.escape(f"{last_site}/ is read-only (en/ in it) — make it writable"),
                "parent": re.escape(f"{last_site.parent}/") + " .*writable"}[locked]
    assert re.search(f"^Build failed: .*{expected}", result.stderr, re.M), text
    assert snapshot(last_site) == before


@pytest.mark.parametrize("given", [".", "docs", "..", "hooks/"])
def test_a_folder_that_is_no_site_is_never_replaced(tmp_path, given):
    """make site SITE=docs (or the project, or the folder above it) would put the site in place of the sources."""
    project = project_copy(tmp_path / "project").parent
    before = snapshot(tmp_path)
    result = run_build(Path(given), project)
    assert result.returncode != 0 and "Traceback" not in output(result)
    assert re.search(r"^Build failed: .*(holds this project|it is no site built here)", result.stderr, re.M), output(result)
    assert snapshot(tmp_path) == before


def test_a_swap_cut_short_is_repaired_before_the_next_build(tmp_path, last_site):
    """A build stopped between its two renames left the last site as site.old and no site: the next build
    puts it back first, even when it fails itself."""
    before = snapshot(last_site)
    aside = last_site.with_name("site.old")
    last_site.rename(aside)
    (tmp_path / "site.new-x1y2").mkdir()  # a build killed halfway through
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("name: Cabinet\n", encoding="utf-8")  # a failing build: the repair comes before it
    result = run_build(last_site, clinic=clinic)
    assert f"{last_site}/ put back from site.old/, where an interrupted build had left it." in result.stderr
    assert_refused(result, last_site, before, r"clinic\.yml: practitioners: missing — add it\.")


# ---- The clinic path never reaches a shell -----------------------------------------------------------------

def test_the_clinic_path_is_a_name_never_a_command(tmp_path):
    ran = [tmp_path / name for name in ("backticks", "dollar", "make-shell")]
    clinic = f"`touch {ran[0]}`$(touch {ran[1]})$(shell touch {ran[2]}).yml"
    result = make_site(tmp_path / "site", clinic, timeout=120)
    text = output(result)
    assert result.returncode != 0 and "Traceback" not in text
    assert f"{clinic}: no such file — check the path given to CLINIC." in text
    assert not [path for path in ran if path.exists()]
    assert not (tmp_path / "site").exists()


# ---- Helpers ---------------------------------------------------------------------------------------------

def _edit(page: Path, before: str, replacement: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert before in text, page
    page.write_text(text.replace(before, replacement, 1), encoding="utf-8")


def _without_root_powers(command: list[str]) -> list[str]:
    """The command as a plain user would run it: root (as in containers) reads and writes any folder, whatever
    its permissions, unless it drops those powers."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv (util-linux): folder permissions can't be tested")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]
