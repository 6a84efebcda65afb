"""The site's own assets, and the names files are published under: each carries the start of its content's hash,
so that a browser may keep it for good and a changed file gets a new name (hooks/assets.py, hooks/clinic.py,
checked by hooks/output_safety.py)."""
from __future__ import annotations

import hashlib
import re

# What the pages link to: the stylesheet (Material's, purged, then the site's own SITE_CSS) and the site's own
# scripts, the only ones published (hooks/output_safety.py refuses any other .js, in docs/ or built).
STYLESHEET = "assets/stylesheets/site.css"
SCRIPTS = ("assets/javascripts/site.js", "assets/javascripts/search.js")
SITE_CSS = "assets/site.css"


# The start of the content's SHA-256, which a published name carries.
def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:8]


# The name a file is published under: its plain name with its digest (site.3f2a9c1e.css).
def hashed_name(name: str, content: str) -> str:
    return re.sub(r"\.(\w+)$", rf".{digest(content.encode('utf-8'))}.\1", name)
