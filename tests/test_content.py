"""The Markdown sources: written fresh from the source texts, and never absolute about safety."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

SHARED = ROOT.parent / "shared"
# Absolute claims the source texts make and the site must not repeat.
ABSOLUTE = re.compile(
    r"sans risque|aucun risque|sans danger|toujours efficace|garanti|risk[- ]free|without (any )?risk|no risk"
    r"|always works|guaranteed|100\s?%", re.I)


def test_no_sentence_is_copied_from_the_source_texts():
    copycheck = SHARED / "tools" / "copycheck.py"
    if not copycheck.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {copycheck} is missing")
        pytest.skip("the shared source texts are not beside this checkout")
    result = subprocess.run([sys.executable, str(copycheck), str(ROOT / "docs"), str(SHARED / "seeds")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "copycheck: 0 copied runs" in result.stdout


def test_no_absolute_safety_or_efficacy_claim():
    found = [f"{page.relative_to(ROOT)}:{number}: {line.strip()}"
             for page in sorted((ROOT / "docs").rglob("*.md"))
             for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
             if ABSOLUTE.search(line)]
    assert not found, "\n".join(found)


def test_both_languages_have_the_same_pages():
    french = {p.name for p in (ROOT / "docs/fr").glob("*.md")}
    english = {p.name for p in (ROOT / "docs/en").glob("*.md")}
    assert french == english
