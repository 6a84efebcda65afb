"""A static file server for measurements: gzip for text, as a production server sends it, on 127.0.0.1."""
from __future__ import annotations

import functools
import gzip
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Handler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser accepts it, with one-hour caching for assets."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if not self.path.split("?")[0].endswith(("/", path.suffix)) and path.name == "index.html":
            return super().send_head()  # the redirect to the folder's address
        body = gzip.compress(path.read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache" if path.suffix == ".html" else "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve directory on a free port of 127.0.0.1 in a background thread; returns the server and its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"
