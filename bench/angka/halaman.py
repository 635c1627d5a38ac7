"""Figure 7: pages and API lists at full size, for Admin BKD and for the operator of the
largest OPD: median time of N requests (in process, Django test client, DEBUG off) and the
query count, at the first page and (API lists) at the deepest page.

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
from pegawai.models import GRUP_ADMIN_BKD, Pegawai, UnitKerja
from pegawai.services import grup_peran_siapkan, operator_opd_atur

BATAS_MS = 300

HALAMAN_HTML = [
    ("/pegawai/", "halaman"),
    ("/admin/pegawai/pegawai/", "p"),
    ("/kinerja/dasbor/", ""),
]
DAFTAR_API = [
    "/api/v1/pegawai/",
    "/api/v1/kinerja/skp/",
    "/api/v1/kinerja/laporan-harian/",
    "/api/v1/kinerja/penilaian/",
]


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
