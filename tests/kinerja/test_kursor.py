"""Cursor (keyset) pagination of the big API lists (issue 17): every row exactly once in
order, forward and back, with ties on the sort keys; filters kept; the scope never widened
by a cursor; a malformed cursor answers 400 on `cursor`."""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from inti.api import PaginasiKursor
from kinerja.models import LaporanHarian, StatusLaporan
from tests.api_kursor import klien, kursor_jalan, kursor_mundur
from tests.factories import PegawaiFactory
from tests.kinerja.factories import lapor, skp_disetujui

URL = "/api/v1/kinerja/laporan-harian/"
AWAL = date(2026, 1, 5)


@pytest.fixture
def laporan_seri(org):
    """23 reports of staf1 and staf2 over 4 days, many tied on (tanggal, jam_mulai) between
    the two (one employee's reports never overlap: the database refuses that)."""
    dibuat = []
    for i in range(23):
        pegawai, rhk = (org.staf1, org.rhk1) if i % 2 else (org.staf2, org.rhk2)
        k = i // 2  # both employees file slot k: ties on (tanggal, jam_mulai)
        mulai = 8 + k // 4
        dibuat.append(lapor(pegawai, rhk, AWAL + timedelta(days=k % 4), f"{mulai:02d}:00",
                            f"{mulai + 1:02d}:00", status=StatusLaporan.DISETUJUI if i % 5 == 0
                            else StatusLaporan.DIAJUKAN))  # fmt: skip
    lapor(org.guru, org.rhk_guru, AWAL)  # another unit's report
    return dibuat


def _urutan_harapan(qs) -> list[int]:
    return list(qs.order_by("-tanggal", "-jam_mulai", "-pk").values_list("pk", flat=True))


def test_kursor_maju_dan_mundur_setiap_baris_sekali_berurutan(org, laporan_seri):
    c = klien(org.admin)
    ids, halaman = kursor_jalan(c, URL, {"page_size": 4})
    assert ids == _urutan_harapan(LaporanHarian.objects.all())
    assert len(ids) == len(set(ids)) == 24
    assert len(halaman) == 6 and "count" not in halaman[0]
    assert halaman[0]["previous"] is None and halaman[-1]["next"] is None
    # walking back from the last page yields every earlier row once, in order
    assert kursor_mundur(c, halaman[-1]) + [r["id"] for r in halaman[-1]["results"]] == ids


def test_kursor_menjaga_filter(org, laporan_seri):
    c = klien(org.admin)
    params = {"page_size": 2, "status": "DIAJUKAN", "pegawai": org.staf1.nip,
              "tanggal_mulai": str(AWAL + timedelta(days=1))}  # fmt: skip
    ids, halaman = kursor_jalan(c, URL, params)
    harapan = LaporanHarian.objects.filter(
        status="DIAJUKAN", pegawai=org.staf1, tanggal__gte=AWAL + timedelta(days=1)
    )
    assert ids == _urutan_harapan(harapan) and len(ids) > 4
    assert "status=DIAJUKAN" in halaman[0]["next"]


def test_kursor_operator_tidak_melihat_di_luar_lingkup(org, laporan_seri):
    guru = LaporanHarian.objects.get(pegawai=org.guru)
    c = klien(org.op_diskes)
    ids, _ = kursor_jalan(c, URL, {"page_size": 5})
    assert ids == _urutan_harapan(LaporanHarian.objects.exclude(pegawai=org.guru))
    # a cursor crafted from the other unit's row only positions the scoped list
    for mundur in (False, True):
        kursor = PaginasiKursor.tulis_kursor([guru.tanggal, guru.jam_mulai, guru.pk], mundur)
        body = c.get(URL, {"cursor": kursor, "page_size": 200}).json()
        assert guru.pk not in [r["id"] for r in body["results"]]
    assert c.get(f"{URL}{guru.pk}/").status_code == 404
    # the other unit's operator: nothing of diskes, whatever the cursor
    ids_disdik, _ = kursor_jalan(klien(org.op_disdik), URL, {"page_size": 1})
    assert ids_disdik == [guru.pk]


def test_kursor_pegawai_hanya_laporannya_sendiri(org, laporan_seri):
    ids, _ = kursor_jalan(klien(org.staf1.user), URL, {"page_size": 3})
    assert ids == _urutan_harapan(LaporanHarian.objects.filter(pegawai=org.staf1))


def test_kursor_tanpa_login_401(org):
    assert APIClient().get(URL, {"cursor": "x"}).status_code == 401


def _b64(teks: str) -> str:
    return base64.urlsafe_b64encode(teks.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "kursor",
    [
        "bukan-base64!!",
        _b64("bukan json"),
        _b64(json.dumps({"v": ["2026-01-05", "08:00"]})),  # too few values
        _b64(json.dumps({"v": ["kemarin", "08:00", 1]})),  # not a date
        _b64(json.dumps({"v": ["2026-01-05", "08:00", "satu"]})),  # not an id
        _b64(json.dumps({"v": ["2026-01-05", "08:00", 10**30]})),  # out of range
        _b64(json.dumps({"v": ["2026-01-05", None, 1]})),
        _b64(json.dumps({"v": ["2026-01-05", "08:00", [1]]})),
        _b64(json.dumps(["2026-01-05", "08:00", 1])),
        _b64(json.dumps({"v": ["2026-01-05", "08:00", 1], "x": 1})),
        "A" * 2000,
    ],
)
def test_kursor_rusak_400_menyebut_parameter(org, kursor):
    resp = klien(org.admin).get(URL, {"cursor": kursor})
    assert resp.status_code == 400
    assert "Kursor tidak sah" in resp.json()["cursor"][0]


def test_parameter_page_tetap_berlaku_untuk_halaman_awal(org, laporan_seri):
    c = klien(org.admin)
    semua = _urutan_harapan(LaporanHarian.objects.all())
    body = c.get(URL, {"page": 2, "page_size": 5}).json()
    assert [r["id"] for r in body["results"]] == semua[5:10]
    # its next and previous are cursors that continue from there
    assert [r["id"] for r in c.get(body["next"]).json()["results"]] == semua[10:15]
    assert [r["id"] for r in c.get(body["previous"]).json()["results"]] == semua[:5]
    dalam = c.get(URL, {"page": PaginasiKursor.halaman_maks})
    assert dalam.status_code == 400 and "next" in dalam.json()["page"][0]
    assert c.get(URL, {"page": "nol"}).status_code == 400


def test_ukuran_halaman_dibatasi(org):
    rhk = org.rhk1
    LaporanHarian.objects.bulk_create(
        [LaporanHarian(pegawai=org.staf1, rhk=rhk, tanggal=AWAL - timedelta(days=i),
                       uraian="x", kuantitas=1, satuan="dokumen", jam_mulai="08:00",
                       jam_selesai="09:00", menit=60) for i in range(205)]
    )  # fmt: skip
    c = klien(org.admin)
    assert len(c.get(URL, {"page_size": 1000}).json()["results"]) == 200
    assert len(c.get(URL).json()["results"]) == 50
    assert len(c.get(URL, {"page_size": "banyak"}).json()["results"]) == 50


def test_antrian_atasan_tetap_bernomor_dengan_count(org, laporan_seri):
    body = klien(org.kabid.user).get(f"{URL}antrian/").json()
    assert body["count"] == LaporanHarian.objects.filter(
        pegawai__atasan=org.kabid, status="DIAJUKAN"
    ).count()


@pytest.mark.parametrize("url", ["/api/v1/kinerja/skp/", "/api/v1/kinerja/penilaian/"])
def test_daftar_skp_dan_penilaian_berkursor_lengkap(org, url):
    from kinerja.models import Skp

    for tahun in (2023, 2024):
        for _ in range(3):
            skp_disetujui(PegawaiFactory(unit_kerja=org.diskes), tahun=tahun)
    c = klien(org.admin)
    ids, halaman = kursor_jalan(c, url, {"page_size": 2})
    assert len(ids) == len(set(ids))
    if "skp" in url:
        assert ids == list(Skp.objects.order_by("-tahun", "-pk").values_list("pk", flat=True))
        assert kursor_mundur(c, halaman[-1]) + [r["id"] for r in halaman[-1]["results"]] == ids
        op = klien(org.op_disdik)
        ids_op, _ = kursor_jalan(op, url, {"page_size": 1})
        assert set(ids_op) == set(
            Skp.objects.filter(pegawai__unit_kerja=org.disdik).values_list("pk", flat=True)
        )


def test_kursor_urutan_campuran_naik_turun(org, laporan_seri):
    """Mixed directions (not used by a list today) take the OR-expanded condition."""
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    class View:
        urutan_kursor = ("-tanggal", "jam_mulai")  # pk appended, ascending like the last key

    harapan = list(
        LaporanHarian.objects.order_by("-tanggal", "jam_mulai", "pk").values_list("pk", flat=True)
    )
    params: dict = {"page_size": 3}
    ids: list[int] = []
    while True:
        p = PaginasiKursor()
        baris = p.paginate_queryset(
            LaporanHarian.objects.all(), Request(APIRequestFactory().get(URL, params)), View()
        )
        ids += [b.pk for b in baris]
        berikut = p.get_next_link()
        if not berikut:
            break
        params = {"page_size": 3, "cursor": berikut.split("cursor=")[1].split("&")[0]}
    assert ids == harapan
