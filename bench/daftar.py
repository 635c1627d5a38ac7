"""Every list of the product, found from the URL configuration and the admin site registry,
so that figure 4 (and its test, tests/test_kueri_daftar.py) covers a new list without naming
it: each API GET route without path parameters under /api/v1/ whose answer is a paginated
list, and each admin changelist.

`kueri_daftar_api` / `kueri_changelist` answer the query counts of one list with one row on
the page and with a full page; a list whose count grows with the rows runs a query per row."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from inti import waktu

AWALAN_API = "api/v1/"


def param_wajib() -> dict[str, dict[str, str]]:
    """Lists that need a parameter to answer at all (else 400): the value sent."""
    hari = waktu.hari_ini()
    return {
        "/api/v1/kinerja/rekap/": {"bulan": f"{hari:%Y-%m}"},
        "/api/v1/karier/kenaikan-pangkat/": {"periode": f"{hari.year}-10"},
    }


@dataclass(frozen=True)
class Hitung:
    url: str
    baris_satu: int
    kueri_satu: int
    baris_banyak: int
    kueri_banyak: int
    catatan: str = ""

    @property
    def teruji(self) -> bool:
        return not self.catatan and self.baris_satu == 1 and self.baris_banyak > 1

    @property
    def tumbuh(self) -> bool:
        return self.teruji and self.kueri_banyak != self.kueri_satu


def _rute(patterns, awalan: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _rute(p.url_patterns, awalan + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield awalan + str(p.pattern), p.callback


def url_daftar_api() -> list[str]:
    """GET routes under /api/v1/ without path parameters (lists are told apart by their
    answer: a `results` array)."""
    hasil = set()
    for rute, callback in _rute(get_resolver().url_patterns):
        rute = rute.replace("^", "").replace("$", "").replace("\\Z", "")
        if not rute.startswith(AWALAN_API) or "<" in rute or "(" in rute:
            continue
        cls = getattr(callback, "cls", None)
        if cls is None:
            continue
        aksi = getattr(callback, "actions", None)
        if (aksi is not None and "get" not in aksi) or (aksi is None and not hasattr(cls, "get")):
            continue
        hasil.add("/" + rute)
    return sorted(hasil)


def url_changelist() -> list[str]:
    return sorted(
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    )


def _get(klien: Client, url: str, params: dict, **extra) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as q:
        resp = klien.get(url, params, **extra)
    return len(q), resp


def kueri_daftar_api(klien: Client, url: str, banyak: int = 200, **extra) -> Hitung | None:
    """Queries with `page_size=1` and `page_size=banyak` (None: not a list)."""
    param = dict(param_wajib().get(url, {}))
    klien.get(url, {**param, "page_size": 1}, **extra)  # warm the per-process caches
    q1, r1 = _get(klien, url, {**param, "page_size": 1}, **extra)
    if r1.status_code != 200:
        return Hitung(url, 0, q1, 0, q1, f"HTTP {r1.status_code}")
    data = r1.json()
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        return None
    qn, rn = _get(klien, url, {**param, "page_size": banyak}, **extra)
    return Hitung(url, len(data["results"]), q1, len(rn.json()["results"]), qn)


def kueri_changelist(klien: Client, url: str, model, **extra) -> Hitung:
    """Queries of the changelist narrowed to its first row (`<pk>__exact`, a local-field
    lookup the admin always allows) and of its unfiltered first page."""
    klien.get(url, **extra)
    qn, rn = _get(klien, url, {}, **extra)
    if rn.status_code != 200:
        return Hitung(url, 0, qn, 0, qn, f"HTTP {rn.status_code}")
    baris = list(rn.context_data["cl"].result_list)
    if not baris:
        return Hitung(url, 0, qn, 0, qn, "kosong")
    q1, r1 = _get(klien, url, {f"{model._meta.pk.name}__exact": baris[0].pk}, **extra)
    return Hitung(url, len(r1.context_data["cl"].result_list), q1, len(baris), qn)


def model_changelist() -> dict[str, type]:
    return {
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist"): m
        for m in admin.site._registry
    }
