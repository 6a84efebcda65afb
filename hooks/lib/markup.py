"""What the hooks that mark words in finished HTML (glossary.py, typography.py) both need to know of its tags."""
from __future__ import annotations

# An element's name in a start or end tag.
NAME = r"[A-Za-z][^\s/>]*"
