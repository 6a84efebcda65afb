"""Code the hooks share, and that commands/ and tests/ reuse: not hooks themselves (mkdocs.yml's `hooks:` lists
every hook, and only hooks live directly in hooks/).

MkDocs puts a hook's folder on sys.path while it loads the hook, so a hook imports `from lib.page_files import …`;
the modules here import each other relatively; commands and tests put hooks/ on sys.path first.
"""
