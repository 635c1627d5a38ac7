"""Response headers for personal data (issue 16, item 8).

Every dynamic response (pages, API, admin) gets `Cache-Control: private, no-store` unless the
view set its own: the pages show names, NIPs and appraisals, and a shared proxy or the
browser's back/forward cache must not keep them. Static files are served by WhiteNoise, above
this middleware, with their own long cache headers. The Content-Security-Policy comes from
django-csp (settings `CONTENT_SECURITY_POLICY`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class TanpaSimpan:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
