"""Figure 7: pages and API lists at full size, for Admin BKD and for the operator of the
largest OPD: median time of N requests (in process, Django test client, DEBUG off) and the
query count, at the first page and (API lists) at the deepest page: the last page number of a
page-number list; for a cursor list the page reached by following `next` 500 times and the
last page sought with a crafted cursor.

Only a first part of the pages figure of issue 17: the lists this kit can fill today (the
seed has employees, SKP, reports and appraisals; no placements, assessments, annual
appraisals, JP records, survey answers or talent boxes yet)."""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext, override_settings

from bench.alat import Tulis, klien_api, token_untuk, ya
from inti.api import PaginasiKursor
from pegawai.models import GRUP_ADMIN_BKD, Pegawai, UnitKerja
from pegawai.services import grup_peran_siapkan, operator_opd_atur

BATAS_MS = 300

HALAMAN_HTML = [
    ("/pegawai/", "halaman"),
    ("/admin/pegawai/pegawai/", "p"),
]
DAFTAR_API = [
    "/api/v1/pegawai/",
    "/api/v1/kinerja/skp/",
    "/api/v1/kinerja/laporan-harian/",
    "/api/v1/kinerja/penilaian/",
]
# Cursor lists: pages followed through `next`, and a position past each list's oldest row
# (its ordering values) from which a backward cursor reads the last page.
HALAMAN_KURSOR = 500
KURSOR_TERTUA = {
    "/api/v1/kinerja/skp/": [1900, 0],
    "/api/v1/kinerja/laporan-harian/": ["1900-01-01", "00:00", 0],
    "/api/v1/kinerja/penilaian/": ["1900-01-01", 0],
}


def _dalam_kursor(api, url: str, auth: dict, body: dict, peran: str, ulang: int) -> list:
    """A cursor list's deep pages: the page reached by following `next` (as a client does)
    up to HALAMAN_KURSOR, and its last page, sought directly with a backward cursor crafted
    past its oldest row."""
    hasil = []
    tautan, nomor = None, 1
    while body["next"] and nomor < HALAMAN_KURSOR:
        tautan = body["next"]
        body = api.get(tautan, **auth).json()
        nomor += 1
    if tautan:
        ms, q, _ = _ukur(lambda t=tautan: api.get(t, **auth), ulang)
        hasil.append((peran, url, f"{nomor:,} (next)", ms, q))
    if url in KURSOR_TERTUA:
        kursor = PaginasiKursor.tulis_kursor(KURSOR_TERTUA[url], mundur=True)
        ms, q, _ = _ukur(lambda: api.get(url, {"cursor": kursor}, **auth), ulang)
        hasil.append((peran, url, "terakhir (kursor)", ms, q))
    return hasil


def _ukur(fn, ulang: int) -> tuple[float, int, Any]:
    """(median ms, queries of the last run, last response)."""
    waktu = []
    for _ in range(ulang):
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            resp = fn()
            waktu.append((time.perf_counter() - t) * 1000)
        if resp.status_code != 200:
            raise RuntimeError(f"HTTP {resp.status_code}: {resp.content[:200]!r}")
    return statistics.median(waktu), len(q), resp


def _opd_terbesar() -> UnitKerja:
    """The top-level unit with the most employees in its subtree."""
    per_unit = dict(
        Pegawai.objects.values_list("unit_kerja__path").annotate(n=Count("pk")).order_by()
    )
    akar = list(UnitKerja.objects.filter(parent__isnull=True))
    return max(akar, key=lambda u: sum(n for p, n in per_unit.items() if p.startswith(u.path)))


def jalankan(tulis: Tulis, ulang: int) -> None:
    # Pages render static URLs; the bench does not collectstatic (no manifest): plain storage.
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    with override_settings(STORAGES=storages):
        _jalankan(tulis, ulang)


def _jalankan(tulis: Tulis, ulang: int) -> None:
    with transaction.atomic():
        grup_peran_siapkan()
        admin = User.objects.create(username="bench.halaman.admin", is_staff=True)
        admin.groups.add(Group.objects.get(name=GRUP_ADMIN_BKD))
        opd = _opd_terbesar()
        operator = User.objects.create(username="bench.halaman.operator", is_staff=True)
        operator_opd_atur(user=operator, unit_kerja=opd)
        hasil = []
        for peran, user in (("Admin BKD", admin), (f"operator {opd.kode}", operator)):
            klien = klien_api()
            klien.force_login(user)
            token = token_untuk(user.pk)
            for url, _param in HALAMAN_HTML:
                klien.get(url, secure=True)  # warm-up
                ms, q, _ = _ukur(lambda url=url, k=klien: k.get(url, secure=True), ulang)
                hasil.append((peran, url, "1", ms, q))
            api = klien_api()
            auth = {"HTTP_AUTHORIZATION": f"Token {token}", "secure": True}
            for url in DAFTAR_API:
                api.get(url, **auth)
                ms, q, resp = _ukur(lambda url=url, a=api, h=auth: a.get(url, **h), ulang)
                hasil.append((peran, url, "1", ms, q))
                if "count" not in resp.json():  # a cursor list (issue 17)
                    hasil.extend(_dalam_kursor(api, url, auth, resp.json(), peran, ulang))
                    continue
                n = resp.json().get("count") or 0
                akhir = max(1, -(-n // 50))
                if akhir > 1:
                    ms, q, _ = _ukur(
                        lambda url=url, n=akhir, a=api, h=auth: a.get(url, {"page": n}, **h),
                        ulang,
                    )
                    hasil.append((peran, url, f"{akhir:,}", ms, q))
        transaction.set_rollback(True)
    lambat = [h for h in hasil if h[3] > BATAS_MS]
    rinci = "; ".join(f"{p} {u} hal {h}: {ms:.0f} ms {q} kueri" for p, u, h, ms, q in hasil)
    tulis(
        f"7 halaman ({len(hasil)} ukuran, median {ulang}x, target <= {BATAS_MS} ms: "
        f"{ya(not lambat)}, {len(lambat)} lebih lambat) | {rinci}"
    )
