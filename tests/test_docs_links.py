"""The README and the guides link to each other: every relative Markdown link points to a file of the
project, and every #anchor to a heading of that file (as GitHub names headings)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "guides").glob("*.md"), *(ROOT / "maintainers").glob("*.md"),
                    *(ROOT / "benchmarks" / "results").glob("*.md")])
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def test_the_guides_exist():
    names = {path.relative_to(ROOT).as_posix() for path in DOCUMENTS}
    assert {"README.md", "guides/clinics.md", "guides/authors.md", "maintainers/README.md"} <= names


def test_the_readme_stays_short():
    assert len((ROOT / "README.md").read_bytes()) <= 8 * 1024


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(document: Path):
    broken = []
    for target in _links(document):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # https:, mailto: …: another site
            continue
        path_part, _, anchor = target.partition("#")
        linked = (document.parent / path_part).resolve() if path_part else document
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target}: no heading with the anchor #{anchor} in {linked.relative_to(ROOT)}")
        elif not linked.is_relative_to(ROOT):
            broken.append(f"{target}: outside the project")
    assert not broken, f"{document.relative_to(ROOT)}: " + "; ".join(broken)


def test_a_link_to_a_missing_file_or_heading_is_found(tmp_path):
    # The checks above would pass on a link they cannot read: this one must be found broken.
    (tmp_path / "guide.md").write_text("# A guide\n\n## Self-hosting\n\nSee [x](#self-hosting), [y](#nowhere), "
                                       "[z](missing.md), `[not a link](code.md)`.\n\n```\n[nor](this.md)\n```\n",
                                       encoding="utf-8")
    assert _links(tmp_path / "guide.md") == ["#self-hosting", "#nowhere", "missing.md"]
    assert _anchors(tmp_path / "guide.md") == {"a-guide", "self-hosting"}


# The link targets of a Markdown file, leaving out code blocks and code spans.
def _links(document: Path) -> list[str]:
    text = CODE.sub("", FENCE.sub("", document.read_text(encoding="utf-8")))
    return LINK.findall(text)


# The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens, a number
# after a repeated one.
def _anchors(document: Path) -> set[str]:
    anchors: set[str] = set()
    for heading in HEADING.findall(FENCE.sub("", document.read_text(encoding="utf-8"))):
        slug = re.sub(r"[^\w\- ]", "", heading.replace("`", "").strip().lower()).replace(" ", "-")
        anchor, number = slug, 0
        while anchor in anchors:
            number += 1
            anchor = f"{slug}-{number}"
        anchors.add(anchor)
    return anchors
