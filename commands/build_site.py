"""`make site`: the strict MkDocs build into a fresh folder beside the site folder, swapped in whole.

One build at a time (a lock beside the site folder); the last good site stays until a new one is complete; a
site folder that is a symbolic link (to a web root) stays a link, and the folder it points to gets the new site.
The site folder comes from SITE_DIR and the clinic file from CLINIC_FILE, both in the environment: neither is
ever read by a shell.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

# How long a build waits for another build of the same site folder before giving up.
LOCK_WAIT_SECONDS = 900


class BuildFailed(Exception):
    """A step that failed, said for the person who ran `make site`."""


# Build, then swap; exit status 0 only when the new site is in place.
def main() -> int:
    given = os.environ.get("SITE_DIR", "").strip() or "site"
    try:
        folder = _real_folder(Path(given))
        with _lock(folder, given):
            _repair(folder, given)
            _build_and_swap(folder, given)
    except BuildFailed as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"Build interrupted: {given}/ was left as it was.", file=sys.stderr)
        return 130
    print(f"Site built in {given}/")
    return 0


# The folder that will hold the site: the site folder itself, or the folder its symbolic link points to.
def _real_folder(site: Path) -> Path:
    folder = Path(os.path.realpath(site))
    if folder.exists() and not folder.is_dir():
        raise BuildFailed(f"{site} is a file, not a folder — move it away or build elsewhere (make site SITE=…).")
    if not folder.parent.is_dir():
        raise BuildFailed(f"{folder.parent}/ does not exist — create it, or build elsewhere (make site SITE=…).")
    here = Path.cwd().resolve()
    if folder == here or folder in here.parents:
        raise BuildFailed(f"{site} holds this project — give the folder the site goes in, e.g. make site SITE=site.")
    if folder.is_dir() and not (folder / "index.html").exists() and any(folder.iterdir()):
        raise BuildFailed(f"{site} holds files but no index.html: it is no site built here, and the build would "
                          "replace it — give an empty folder or the site folder of a previous build.")
    return folder


# Hold the lock of this site folder (a file beside it) while building; a second build waits for the first.
@contextmanager
def _lock(folder: Path, given: str) -> Iterator[None]:
    path = folder.with_name(f".{folder.name}.lock")
    try:
        handle = open(path, "a")  # noqa: SIM115 - held open for the whole build
    except OSError as error:
        raise BuildFailed(f"cannot create the lock file {path} ({error.strerror}) — make {folder.parent}/ "
                          "writable, or build elsewhere (make site SITE=…).") from None
    with handle:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        waiting = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BuildFailed(f"another build of {given}/ has been running for over {LOCK_WAIT_SECONDS:.0f} s "
                                      f"— wait for it to end, or stop it; {given}/ was left as it was.") from None
                if not waiting:
                    print(f"Another build of {given}/ is running: waiting for it to end…", file=sys.stderr, flush=True)
                    waiting = True
                time.sleep(0.2)
        yield  # the lock goes with the file when it is closed, even if this process is killed


# Put back a site that an interrupted swap left aside, and clear what interrupted builds left behind.
def _repair(folder: Path, given: str) -> None:
    old = _aside(folder)
    if old.is_dir() and not os.path.lexists(folder):
        _step(os.rename, old, folder, f"cannot put back {old.name}/, the last site an interrupted build left aside")
        print(f"{given}/ put back from {old.name}/, where an interrupted build had left it.", file=sys.stderr)
    elif old.exists():
        _remove(old, given)
    for leftover in folder.parent.glob(f"{folder.name}.new-*"):
        _remove(leftover, given)


# The strict build into a new folder beside the site, then the swap: a failed build leaves the site as it was.
def _build_and_swap(folder: Path, given: str) -> None:
    for path, _, _ in os.walk(folder):  # every folder of the last site is removed once the new one is in place
        if not os.access(path, os.W_OK | os.X_OK):
            where = "" if path == str(folder) else f" ({os.path.relpath(path, folder)}/ in it)"
            raise BuildFailed(f"{given}/ is read-only{where} — make it writable (chmod -R u+w {given}) or build "
                              f"elsewhere (make site SITE=…); {given}/ was left as it was.")
    try:
        new = Path(tempfile.mkdtemp(prefix=f"{folder.name}.new-", dir=folder.parent))
    except OSError as error:
        raise BuildFailed(f"cannot write in {folder.parent}/ ({error.strerror}) — make it writable, or build "
                          f"elsewhere (make site SITE=…); {given}/ was left as it was.") from None
    try:
        if _mkdocs_build(new) != 0:
            raise BuildFailed(f"{given}/ was left as it was.")
        new.chmod(0o777 & ~_umask())  # as a folder made by mkdir would be: the web server reads it
        _swap(new, folder, given)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)


# MkDocs' own `mkdocs build --strict`, in this process, its exit status returned; running out of memory or
# nesting too deep is said in words (the hooks refuse what leads there; this is the last resort).
def _mkdocs_build(new: Path) -> int:
    from mkdocs.__main__ import cli

    try:
        cli.main(["build", "--strict", "--site-dir", str(new)], prog_name="mkdocs")
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 1
    except MemoryError:
        print("Error: the build ran out of memory — look for a very large page or data file (a YAML alias "
              "repeated many times, pasted data) and shorten it.", file=sys.stderr)
        return 1
    except RecursionError:
        print("Error: the build met something nested too deeply — look for a page or data file with lists or "
              "fields nested hundreds of levels deep, and flatten it.", file=sys.stderr)
        return 1
    return 0


# The new site in place of the old in two renames; between them an interrupted build leaves the old site
# beside it, which the next build puts back (_repair).
def _swap(new: Path, folder: Path, given: str) -> None:
    old = _aside(folder)
    if folder.exists():
        _step(os.rename, folder, old, f"cannot move {given}/ aside")
    try:
        _step(os.rename, new, folder, f"cannot move the new site into {given}/")
    except BuildFailed:
        if old.exists():
            _step(os.rename, old, folder, f"cannot put {given}/ back from {old.name}/")
        raise
    if old.exists():
        try:
            _remove(old, given)
        except BuildFailed as error:
            raise BuildFailed(f"the new site is in {given}/, but {error}") from None


# The process's file mode mask (reading it means setting it: set it back at once).
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Where the last site waits during the swap.
def _aside(folder: Path) -> Path:
    return folder.with_name(f"{folder.name}.old")


# A rename (or another file operation) that must succeed, or the build fails saying which and why.
def _step(operation: Callable[[Path, Path], None], source: Path, target: Path, what: str) -> None:
    try:
        operation(source, target)
    except OSError as error:
        raise BuildFailed(f"{what} ({error.strerror}: {error.filename}) — check the folder's permissions "
                          f"and free space.") from None


# A folder of a previous build removed, or the build fails saying which.
def _remove(path: Path, given: str) -> None:
    try:
        shutil.rmtree(path)
    except OSError as error:
        raise BuildFailed(f"cannot remove {path} ({error.strerror}: {error.filename}), left by a build of "
                          f"{given}/ — remove it by hand (make its folders writable first).") from None


if __name__ == "__main__":
    sys.exit(main())
