"""The site's interface strings (data/strings/<language>.yml, read and checked by lib/site_strings.py), checked
before anything is built and given to the templates."""
from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from lib.site_strings import load, text


# Read and check every configured language's strings once the configuration is read: a missing file or string
# stops the build, with every problem at once.
def on_config(config: MkDocsConfig) -> None:
    config.extra["site_strings"] = load(config)


# Give the templates the strings of every language (the offer of another language is written in that language).
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["site_string"] = lambda key, language: text(config, key, language)
    return env
