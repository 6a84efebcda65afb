"""How the authors' preview (commands/preview.py) hears of a saved file: through MkDocs' polling, and through the
system's own notices (inotify, FSEvents…), which come at once."""
from __future__ import annotations

import os
import threading

from watchdog.events import (FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileSystemEvent, FileSystemEventHandler)

# What the file watchers report: changes only. The build reads every page: the system would report each opening
# and closing too, thousands of events per build to sort out while it runs.
_CHANGES = [FileModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


class FileWatchers:
    """Two file watchers as one: each folder watched by both, each change to a file reported once, by whichever
    sees it first."""

    def __init__(self, *observers) -> None:
        self._observers = observers

    # Watch a folder with every watcher, each change passed on once.
    def schedule(self, handler: FileSystemEventHandler, path: str, recursive: bool = False):
        once = _ChangesOnce(handler)
        return [observer.schedule(once, path, recursive=recursive, event_filter=_CHANGES) for observer in self._observers]

    # Stop watching a folder.
    def unschedule(self, watches) -> None:
        for observer, watch in zip(self._observers, watches):
            observer.unschedule(watch)

    # Start, stop, wait for every watcher, as MkDocs' server does with its one.
    def start(self) -> None:
        for observer in self._observers:
            observer.start()

    def stop(self) -> None:
        for observer in self._observers:
            observer.stop()

    def join(self, timeout: float | None = None) -> None:
        for observer in self._observers:
            if observer.is_alive():
                observer.join(timeout)


class _ChangesOnce(FileSystemEventHandler):
    """A file's changes, passed on once each, not again when the other watcher sees the same change."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self._handler = handler
        self._seen: dict[str, tuple[int, int] | None] = {}  # by file: its time and size when last passed on
        self._lock = threading.Lock()

    # A file's change, unless it is the one last passed on for that file.
    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        for path in {event.src_path, getattr(event, "dest_path", "")} - {""}:
            try:
                status = os.stat(path)
                now: tuple[int, int] | None = (status.st_mtime_ns, status.st_size)
            except OSError:
                now = None  # deleted, or moved away
            with self._lock:
                if path in self._seen and self._seen[path] == now:
                    continue
                self._seen[path] = now
            self._handler.on_any_event(event)
            return
