"""gunicorn settings shipped with the image (read from the working directory by gunicorn).

Workers and bind address come from the environment (WEB_CONCURRENCY, PORT); the access log
is switched on by the Dockerfile/compose command line (`--access-logfile -`). The `Server:
gunicorn` banner is dropped: it tells a scanner which server and version to try.
Request line and header limits are gunicorn's own defaults, written out so they are
visible; the body size is limited by the reverse proxy and inti/batas.py (KEAMANAN.md).
"""

import os

from gunicorn.http import wsgi

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))

_default_headers = wsgi.Response.default_headers


def _tanpa_server(self):
    return [h for h in _default_headers(self) if not h.lower().startswith("server:")]


wsgi.Response.default_headers = _tanpa_server
