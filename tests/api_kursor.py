"""Walking a cursor list of the API (issue 17) the way a client does, shared by the apps'
cursor tests: follow `next` from the first page, and `previous` back to the first."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient


def klien(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)
    return c


def kursor_jalan(
    c: APIClient, url: str, params: dict | None = None, *, kunci: str = "id"
) -> tuple[list[Any], list[dict]]:
    """Follow `next` from the first page; each row's `kunci` in order and every body."""
    resp = c.get(url, params or {})
    assert resp.status_code == 200, resp.content
    halaman = [resp.json()]
    while halaman[-1]["next"]:
        resp = c.get(halaman[-1]["next"])
        assert resp.status_code == 200, resp.content
        halaman.append(resp.json())
    return [r[kunci] for h in halaman for r in h["results"]], halaman


def kursor_mundur(c: APIClient, body: dict, *, kunci: str = "id") -> list[Any]:
    """Follow `previous` from a page back to the first; each row's `kunci` in list order."""
    nilai: list[Any] = []
    while body["previous"]:
        body = c.get(body["previous"]).json()
        nilai = [r[kunci] for r in body["results"]] + nilai
    return nilai
