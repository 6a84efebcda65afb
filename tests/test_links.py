"""No broken internal link: linkchecker crawls the site served on 127.0.0.1."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_linkchecker_finds_no_broken_internal_link(server, tmp_path):
    linkchecker = Path(sys.executable).with_name("linkchecker")
    result = subprocess.run(
        [str(linkchecker), "--no-status", "--no-warnings", "--recursion-level=-1",
         "--output=text", server],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout
