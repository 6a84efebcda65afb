"""Unit tests of the hooks' pure functions: no site is built, nothing is served. The hooks import
`from lib.x import …` with hooks/ on sys.path, as MkDocs loads them; the tests import them the same way."""
from __future__ import annotations

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))
