"""Figure 7: every HR and supervisor page with a list, and the API lists, at full size: median
time of N requests (in process, Django test client, DEBUG off) and the query count, for Admin
BKD, for the operator of the largest OPD and (supervisor pages) for the supervisor with the
most direct subordinates, at the first page and at the deepest page.

The pages are a data table (`HALAMAN`, `DAFTAR_API`): one row per list, so a page or an API
list is added by adding a row. Deepest page: HTML lists use Django's `get_page`, which answers
an out-of-range number with the last page (`?halaman=999999`); page-number API lists take
DRF's `?page=last`; cursor API lists (`kursor=True`) are followed through their `next` link
`lompat` times (500: a cursor page costs the same at any depth, which is what this checks)
and, where the list's oldest position is known (`tertua`), its last page is read with a
backward cursor crafted past the oldest row.
Query counts are printed for every row, so the count at a small scope (the supervisor, a
small unit's operator is the same code path) and at the largest scope sit side by side."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
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

HR = ("admin", "operator")
ATASAN = ("atasan",)


@dataclass(frozen=True)
class Halaman:
    url: str
    peran: tuple[str, ...] = HR
    param: str | None = "halaman"  # the page parameter; None: one page only
    terakhir: str = "999999"  # get_page() answers with the last page


# Every HR and supervisor page with a list (add rows here).
HALAMAN: list[Halaman] = [
    Halaman("/pegawai/"),
    Halaman("/admin/pegawai/pegawai/", param=None),
    Halaman("/pelatihan/akpk/unit/", param=None),
    Halaman("/pelatihan/jp/"),
    Halaman("/pelatihan/jp/?kurang=1"),
    Halaman("/karier/kenaikan-pangkat/"),
    Halaman("/karier/kenaikan-pangkat/?semua=on"),
    Halaman("/karier/talenta/?kotak=5"),
    Halaman("/karier/talenta/?kotak=5", peran=ATASAN),
    Halaman("/kinerja/dasbor/", param=None),
    Halaman("/kinerja/distribusi/", param=None),
    Halaman("/kinerja/penilaian/", peran=(*HR, *ATASAN), param=None),
    Halaman("/jabatan/lowongan/"),
    Halaman("/pengaduan/staf/"),
    Halaman("/pengaduan/ikm/", param=None),
    Halaman("/siasn/", peran=("admin",), param=None),
    Halaman("/kinerja/antrian/", peran=ATASAN, param=None),
    Halaman("/kinerja/bawahan/", peran=ATASAN, param=None),
]


@dataclass(frozen=True)
class DaftarApi:
    url: str
    kursor: bool = False  # cursor pagination: follow `next` instead of ?page=last
    lompat: int = 500
    peran: tuple[str, ...] = HR
    tertua: tuple | None = None  # ordering values past the oldest row (crafted last page)


# The API lists; the big ones are cursor lists (inti.api.PaginasiKursor).
DAFTAR_API: list[DaftarApi] = [
    DaftarApi("/api/v1/pegawai/", kursor=True),
    DaftarApi("/api/v1/kinerja/skp/", kursor=True, tertua=(1900, 0)),
    DaftarApi("/api/v1/kinerja/laporan-harian/", kursor=True, tertua=("1900-01-01", "00:00", 0)),
    DaftarApi("/api/v1/kinerja/penilaian/", kursor=True, tertua=("1900-01-01", 0)),
    DaftarApi("/api/v1/pelatihan/jp/", kursor=True),
    DaftarApi("/api/v1/karier/talenta/", kursor=True),
    DaftarApi("/api/v1/penempatan/", kursor=True, tertua=(0,)),
    DaftarApi("/api/v1/pengaduan/"),
]


def _ukur(fn, ulang: int) -> tuple[float, int, Any]:
    """(median ms, queries of the last run, last response)."""
    waktu = []
    for _ in range(ulang):
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            resp = fn()
            waktu.append((time.perf_counter() - t) * 1000)
    return statistics.median(waktu), len(q), resp


def _opd_terbesar() -> UnitKerja:
    """The top-level unit with the most employees in its subtree."""
    per_unit = dict(
        Pegawai.objects.values_list("unit_kerja__path").annotate(n=Count("pk")).order_by()
    )
    akar = list(UnitKerja.objects.filter(parent__isnull=True))
    return max(akar, key=lambda u: sum(n for p, n in per_unit.items() if p.startswith(u.path)))


def _atasan_terbesar() -> Pegawai:
    """The supervisor with the most direct subordinates."""
    pid = (
        Pegawai.objects.filter(atasan__isnull=False)
        .values("atasan_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "atasan_id")
        .values_list("atasan_id", flat=True)[:1]
    )
    return Pegawai.objects.select_related("user").get(pk=pid[0])


def jalankan(tulis: Tulis, ulang: int) -> None:
    # The nightly tables the pages read, as production has them after the night's jobs.
    from karier.services import kandidat_kp_hitung
    from pelatihan.services import rekap_akpk_hitung

    t = time.perf_counter()
    n = rekap_akpk_hitung()
    tulis(f"7 persiapan: rekap AKPK malam {n:,} baris dalam {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    layak = kandidat_kp_hitung()  # every 10 minutes in production
    tulis(f"7 persiapan: daftar layak KP {layak} dalam {time.perf_counter() - t:.1f} s")
    # Pages render static URLs; the bench does not collectstatic (no manifest): plain storage.
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    with override_settings(STORAGES=storages):
        _jalankan(tulis, ulang)


def _url(url: str, param: str, nilai: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{param}={nilai}"


def _jalankan(tulis: Tulis, ulang: int) -> None:
    with transaction.atomic():
        grup_peran_siapkan()
        admin = User.objects.create(username="bench.halaman.admin", is_staff=True)
        admin.groups.add(Group.objects.get(name=GRUP_ADMIN_BKD))
        opd = _opd_terbesar()
        operator = User.objects.create(username="bench.halaman.operator", is_staff=True)
        operator_opd_atur(user=operator, unit_kerja=opd)
        atasan = _atasan_terbesar()
        pengguna = {
            "admin": ("Admin BKD", admin),
            "operator": (f"operator {opd.kode}", operator),
            "atasan": (f"atasan {atasan.nip} ({atasan.bawahan.count()} bawahan)", atasan.user),
        }
        hasil = []
        for kunci, (peran, user) in pengguna.items():
            klien = klien_api()
            klien.force_login(user)
            for h in HALAMAN:
                if kunci not in h.peran:
                    continue
                urls = [("1", h.url)]
                if h.param:
                    urls.append(("akhir", _url(h.url, h.param, h.terakhir)))
                for label, url in urls:
                    klien.get(url, secure=True)  # warm-up
                    ms, q, resp = _ukur(lambda url=url, k=klien: k.get(url, secure=True), ulang)
                    hasil.append((peran, url, label, ms, q, resp.status_code))
            if kunci == "atasan":
                continue
            api = klien_api()
            auth = {"HTTP_AUTHORIZATION": f"Token {token_untuk(user.pk)}", "secure": True}
            for d in DAFTAR_API:
                if kunci not in d.peran:
                    continue
                api.get(d.url, **auth)
                ms, q, resp = _ukur(lambda url=d.url, a=api, h=auth: a.get(url, **h), ulang)
                hasil.append((peran, d.url, "1", ms, q, resp.status_code))
                if resp.status_code != 200:
                    continue
                if d.kursor:
                    url, n = d.url, 0
                    while n < d.lompat and (berikut := api.get(url, **auth).json().get("next")):
                        url, n = berikut, n + 1
                    label = f"kursor +{n}"
                else:
                    url, label = _url(d.url, "page", "last"), "akhir"
                if url != d.url:
                    ms, q, resp = _ukur(lambda url=url, a=api, h=auth: a.get(url, **h), ulang)
                    hasil.append((peran, d.url, label, ms, q, resp.status_code))
                if d.tertua:
                    k = PaginasiKursor.tulis_kursor(list(d.tertua), mundur=True)
                    ms, q, resp = _ukur(
                        lambda u=d.url, k=k, a=api, h=auth: a.get(u, {"cursor": k}, **h), ulang
                    )
                    hasil.append((peran, d.url, "terakhir (kursor)", ms, q, resp.status_code))
        transaction.set_rollback(True)
    lambat = [h for h in hasil if h[3] > BATAS_MS or h[5] != 200]
    rinci = "; ".join(
        f"{p} {u} hal {h}: {ms:.0f} ms {q} kueri" + (f" HTTP {s}" if s != 200 else "")
        for p, u, h, ms, q, s in hasil
    )
    tulis(
        f"7 halaman ({len(hasil)} ukuran, median {ulang}x, target <= {BATAS_MS} ms: "
        f"{ya(not lambat)}, {len(lambat)} lebih lambat atau bukan 200) | {rinci}"
    )
