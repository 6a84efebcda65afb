"""`make translations`: where each page's translation stands against its French original, and, with --stamp,
record that the translations of the pages named were checked against the current French text.

    python commands/translation_status.py [--config-file mkdocs.yml] [--stamp PAGE ...]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from lib.translation_status import read_pages, stamp, table  # noqa: E402 - the hooks' shared code, from their folder


# `make translations`: stamp the pages named with --stamp, then print the status table.
def main() -> int:
    parser = argparse.ArgumentParser(description="Where each page's translation stands; stamp reviewed translations.")
    parser.add_argument("--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--stamp", nargs="+", default=[], metavar="PAGE",
                        help="record that these pages' translations follow the current French text")
    arguments = parser.parse_args()
    try:
        config = load_config(arguments.config_file)
        for name in arguments.stamp:
            for path in stamp(read_pages(config), name):
                print(f"Stamped {path}")
        print(table(read_pages(config, fresh=True), config))
    except (PluginError, ConfigurationError, OSError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
