"""The authors' preview (`make serve`, commands/preview.py) running live in a project copy, for the preview tests:
the fixture that starts it, and how they read what it serves and wait for it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, NamedTuple

import pytest
from bs4 import BeautifulSoup

from clinic_builds import CLINIC_FILE, project_copy

# How long a rebuild may take on a loaded 2-core machine before the test gives up.
REBUILD_DEADLINE = 60
# The class of the box in which the preview shows a page's warnings.
BANNER = "preview-problems"
# The preview's temporary folders (its site, its caches) go in this folder of the test's tmp_path.
PREVIEW_TEMP = "preview-temp"


class Preview(NamedTuple):
    """A running preview: the address it serves on, the project it previews, its process and its output."""

    address: str
    project: Path
    process: subprocess.Popen
    log: Path

    # The folder of the preview's temporary folders (its site, its caches).
    @property
    def temp(self) -> Path:
        return self.log.parent / PREVIEW_TEMP


@pytest.fixture
def preview(tmp_path: Path):
    """The preview command running on a free port in a project copy, for the demo clinic."""
    project = project_copy(tmp_path / "project").parent
    log = tmp_path / "preview.log"
    temp = tmp_path / PREVIEW_TEMP
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    env.pop(CLINIC_FILE, None)
    with open(log, "w") as output:
        process = subprocess.Popen([sys.executable, "commands/preview.py", "--dev-addr", "127.0.0.1:0"],
                                   cwd=project, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        address = wait_for(lambda: serving_address(log.read_text(encoding="utf-8")), process, log, 180)
        yield Preview(address, project, process, log)
    finally:
        process.terminate()
        process.wait(timeout=30)


# A file's status and bytes as the preview serves it (an error status is an answer too).
def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# A page's status and text.
def get(url: str) -> tuple[int, str]:
    status, content = fetch(url)
    return status, content.decode("utf-8")


# The text of the page's problem banner, or None.
def banner(page: str) -> str | None:
    box = BeautifulSoup(page, "html.parser").find(class_=BANNER)
    return box.get_text(" ") if box else None


# A page's words, whatever the white space the French typography puts between them.
def words(page: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(page, "html.parser").get_text())


# The address the preview says it serves on, once it says it.
def serving_address(log: str) -> str | None:
    found = re.search(r"Serving on (http://127\.0\.0\.1:\d+/)", log)
    return found.group(1) if found else None


# Poll until check() gives something true, failing if the preview exits or the deadline passes (failing then with
# what explain() says of the last attempt, if given).
def wait_for(check: Callable[[], object], process: subprocess.Popen, log: Path, deadline: float = REBUILD_DEADLINE,
             explain: Callable[[], str] | None = None, pause: float = 0.2) -> object:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        assert process.poll() is None, f"the preview exited:\n{log.read_text(encoding='utf-8')[-3000:]}"
        result = check()
        if result:
            return result
        time.sleep(pause)
    pytest.fail(f"not within {deadline} s{': ' + explain() if explain else ''}\n"
                f"the preview's output:\n{log.read_text(encoding='utf-8')[-3000:]}")
