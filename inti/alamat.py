"""The client's address, read the same way by the login lock-out (django-axes) and the rate
limiter (`inti.laju`).

Behind N reverse proxies (setting `PROXY_TERPERCAYA`, from the environment) the client is the
N-th address from the right of `X-Forwarded-For`: each trusted proxy appends the address it
received the request from, so whatever a client writes into the header itself stays to the
left and is ignored. With no proxy configured (0, the default) the header is not trusted at
all and `REMOTE_ADDR` is the client. The header is parsed by django-ipware, not by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def alamat_ip(request: HttpRequest) -> str | None:
    """The client address as a string (None when the request carries none)."""
    jumlah_proxy = int(getattr(settings, "PROXY_TERPERCAYA", 0) or 0)
    if jumlah_proxy > 0 and request.META.get("HTTP_X_FORWARDED_FOR"):
        alamat, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=jumlah_proxy - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if alamat:
            return alamat
    return request.META.get("REMOTE_ADDR") or None
