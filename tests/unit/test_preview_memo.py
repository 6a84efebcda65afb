"""hooks/lib/preview.py's memo: the preview's rebuilds do the hooks' work once per input, a strict build never
uses it, and what a build did not use is forgotten by the next."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from lib import build_state
from lib.preview import MEMO_ATTRIBUTE, Memo, preview_memo

ROOT = Path(__file__).resolve().parents[2]


def test_work_is_done_once_per_input_and_forgotten_when_unused() -> None:
    memo, done = Memo(), []

    def work(value: str):
        return lambda: done.append(value) or value.upper()

    memo.new_build("hooks v1")
    assert memo.get(("page", "a"), work("a")) == "A"
    assert memo.get(("page", "b"), work("b")) == "B"
    assert memo.get(("page", "a"), work("a")) == "A"
    memo.new_build("hooks v1")
    assert memo.get(("page", "a"), work("a")) == "A"  # kept: the last build used it
    memo.new_build("hooks v1")
    memo.new_build("hooks v1")
    assert memo.get(("page", "b"), work("b")) == "B"  # forgotten: two builds did not use it
    memo.new_build("hooks v2")
    assert memo.get(("page", "b"), work("b")) == "B"  # forgotten: the hooks' code changed
    assert done == ["a", "b", "b", "b"]


def test_a_failed_work_is_not_remembered() -> None:
    memo, calls = Memo(), []

    def failing():
        calls.append(1)
        raise ValueError("broken front matter")

    for _ in range(2):
        try:
            memo.get("key", failing)
        except ValueError:
            pass
    assert len(calls) == 2


def test_only_the_preview_build_has_a_memo() -> None:
    strict = load_config(str(ROOT / "mkdocs.yml"))
    preview = load_config(str(ROOT / "mkdocs.yml"), strict=False)
    memo = Memo()
    for config in (strict, preview):
        setattr(config, MEMO_ATTRIBUTE, memo)
    assert preview_memo(strict) is None  # make site: every build does all its work
    assert preview_memo(preview) is memo
    assert preview_memo(load_config(str(ROOT / "mkdocs.yml"), strict=False)) is None  # no preview set one
    done = []
    state = build_state.start(strict)
    for _ in range(2):
        state.remembered("key", lambda: done.append(1))
    assert len(done) == 2
