"""My reports (history), returned reports on top whatever their week, the home page's to-do
counts for every role, and the e-kinerja menu showing only links that work for the user."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kinerja import views
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_laporan_dikembalikan_minggu_lalu_di_atas_halaman_laporan(org):
    hari_ini = timezone.localdate()
    # Nine days back is always in an earlier week, whatever today's weekday.
    lama = lapor(org.staf1, org.rhk1, hari_ini - timedelta(days=9), status="DIKEMBALIKAN")
    lama.catatan_atasan = "Lampirkan daftar hadir"
    lama.save()
    html = masuk(org.staf1.user).get("/kinerja/").content.decode()
    awal = html.index("Dikembalikan atasan")
    assert "Lampirkan daftar hadir" in html[awal:]
    assert f"/kinerja/laporan/{lama.pk}/perbaiki/" in html[awal:]
    # Not someone else's page.
    assert "Lampirkan daftar hadir" not in masuk(org.staf2.user).get("/kinerja/").content.decode()


def test_laporan_dikembalikan_lama_bisa_diperbaiki_tanpa_mengubah_tanggal(org):
    tanggal = timezone.localdate() - timedelta(days=40)
    if tanggal.year != timezone.localdate().year:
        tanggal = timezone.localdate().replace(month=1, day=1)
    lama = lapor(org.staf1, org.rhk1, tanggal, status="DIKEMBALIKAN")
    resp = masuk(org.staf1.user).post(
        f"/kinerja/laporan/{lama.pk}/perbaiki/",
        {
            "tanggal": tanggal.isoformat(),
            "rhk": org.rhk1.pk,
            "uraian": "Dilengkapi",
            "kuantitas": "1",
            "indikator": org.rhk1.indikator.get().pk,
            "jam_mulai": "08:00",
            "jam_selesai": "09:00",
        },
    )
    assert resp.status_code == 302
    lama.refresh_from_db()
    assert lama.status == "DIAJUKAN"


def test_riwayat_terbaru_dulu_dan_saring_status_bulan(org):
    hari_ini = timezone.localdate()
    a = lapor(org.staf1, org.rhk1, hari_ini - timedelta(days=35), status="DISETUJUI")
    b = lapor(org.staf1, org.rhk1, hari_ini - timedelta(days=1), status="DIKEMBALIKAN")
    c = lapor(org.staf1, org.rhk1, hari_ini)
    lapor(org.staf2, org.rhk2, hari_ini, "10:00", "11:00")
    klien = masuk(org.staf1.user)
    resp = klien.get("/kinerja/laporan/")
    assert [x.pk for x in resp.context["laporan"]] == [c.pk, b.pk, a.pk]
    resp = klien.get("/kinerja/laporan/?status=DIKEMBALIKAN")
    assert [x.pk for x in resp.context["laporan"]] == [b.pk]
    # 35 days back is always in another calendar month than today.
    resp = klien.get(f"/kinerja/laporan/?bulan={a.tanggal:%Y-%m}")
    assert [x.pk for x in resp.context["laporan"]] == [a.pk]


def test_riwayat_kursor_tidak_mengulang_dan_tidak_melewatkan(org, monkeypatch):
    monkeypatch.setattr(views, "LAPORAN_PER_HALAMAN", 2)
    hari_ini = timezone.localdate()
    semua = [
        lapor(org.staf1, org.rhk1, hari_ini, f"{7 + i:02d}:00", f"{7 + i:02d}:30") for i in range(5)
    ]
    klien = masuk(org.staf1.user)
    dilihat, url = [], "/kinerja/laporan/"
    while url:
        resp = klien.get(url)
        dilihat += [x.pk for x in resp.context["laporan"]]
        url = resp.context["berikutnya"] and "/kinerja/laporan/" + resp.context["berikutnya"]
    assert dilihat == [x.pk for x in reversed(semua)]


def test_kursor_laporan_orang_lain_diabaikan(org):
    milik_lain = lapor(org.staf2, org.rhk2, timezone.localdate())
    mine = lapor(org.staf1, org.rhk1, timezone.localdate())
    resp = masuk(org.staf1.user).get(f"/kinerja/laporan/?setelah={milik_lain.pk}")
    assert [x.pk for x in resp.context["laporan"]] == [mine.pk]


def _angka(html: str, teks: str) -> int | None:
    m = re.search(r'tugas__angka">(\d+)</span>\s*' + re.escape(teks), html)
    return int(m.group(1)) if m else None


def test_beranda_pegawai_menghitung_laporan_dikembalikan(org):
    hari_ini = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari_ini - timedelta(days=10), status="DIKEMBALIKAN")
    lapor(org.staf1, org.rhk1, hari_ini, status="DIKEMBALIKAN")
    lapor(org.staf1, org.rhk1, hari_ini, "10:00", "11:00", status="DISETUJUI")
    html = masuk(org.staf1.user).get("/").content.decode()
    assert _angka(html, "laporan dikembalikan") == 2
    assert _angka(html, "laporan bawahan") is None


def test_beranda_atasan_menghitung_antrian(org):
    hari_ini = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari_ini - timedelta(days=8))
    lapor(org.staf2, org.rhk2, hari_ini)
    lapor(org.staf2, org.rhk2, hari_ini, "10:00", "11:00", status="DISETUJUI")
    lapor(org.guru, org.rhk_guru, hari_ini)  # another supervisor's
    html = masuk(org.kabid.user).get("/").content.decode()
    assert _angka(html, "laporan bawahan menunggu persetujuan") == 2


def test_beranda_tanpa_tugas(org):
    html = masuk(org.staf2.user).get("/").content.decode()
    assert "Tidak ada yang menunggu Anda" in html


def test_beranda_operator_menghitung_pengaduan_terlambat(org):
    from tests.pengaduan.factories import PengaduanFactory

    lewat = timezone.localdate() - timedelta(days=1)
    PengaduanFactory(unit_kerja=org.diskes, batas_waktu=lewat)
    PengaduanFactory(unit_kerja=org.diskes, batas_waktu=timezone.localdate())
    PengaduanFactory(unit_kerja=org.disdik, batas_waktu=lewat)
    html = masuk(org.op_diskes).get("/").content.decode()
    assert _angka(html, "pengaduan melewati batas waktu") == 1


@pytest.mark.parametrize("siapa", ["admin", "op_diskes"])
def test_menu_kinerja_tanpa_data_pegawai_tanpa_tautan_404(org, siapa):
    klien = masuk(getattr(org, siapa))
    html = klien.get("/kinerja/penilaian/").content.decode()
    nav = html[html.index('class="kinerja-nav"') :]
    nav = nav[: nav.index("</nav>")]
    for href in re.findall(r'href="([^"]+)"', nav):
        assert klien.get(href).status_code == 200, href


def test_menu_kinerja_pegawai_memuat_laporan_saya(org):
    html = masuk(org.staf1.user).get("/kinerja/").content.decode()
    assert 'href="/kinerja/laporan/"' in html
    assert 'href="/kinerja/antrian/"' not in html


def _penilaian(pegawai, penilai, unit, tahun: int, q: int):
    from datetime import date

    from kinerja.models import Penilaian

    akhir = {1: date(tahun, 3, 31), 2: date(tahun, 6, 30), 3: date(tahun, 9, 30),
             4: date(tahun, 12, 31)}[q]  # fmt: skip
    return Penilaian.objects.create(
        pegawai=pegawai, skp=pegawai.skp.first(), penilai=penilai, unit_kerja=unit,
        periode=f"{tahun}-Q{q}", jenis_periode="TRIWULANAN", tahun=tahun, tanggal_akhir=akhir,
        rating_hasil_kerja="SESUAI", rating_perilaku="SESUAI", predikat="BAIK", umpan_balik="-",
    )  # fmt: skip


def test_daftar_penilaian_berhalaman_kursor_terbaru_dulu_dan_dalam_lingkup(org, monkeypatch):
    """HR's appraisal list is paged by cursor (no list cut at 200 rows, no sort through the
    employee join): each appraisal once, newest period first; a cursor from outside the scope
    is no position and leaks nothing."""
    monkeypatch.setattr(views, "PENILAIAN_PER_HALAMAN", 3)
    dibuat = [
        _penilaian(p, org.kabid, org.diskes, tahun, q)
        for tahun in (2025, 2026) for q in (1, 2, 3, 4) for p in (org.staf1, org.staf2)
    ]  # fmt: skip
    guru = _penilaian(org.guru, org.kabid, org.disdik, 2026, 4)
    harapan = [p.pk for p in sorted(dibuat, key=lambda p: (p.tanggal_akhir, p.pk), reverse=True)]
    klien = masuk(org.op_diskes)
    dilihat, url, halaman = [], "/kinerja/penilaian/", 0
    while url:
        resp = klien.get(url)
        dilihat += [p.pk for p in resp.context["daftar"]]
        berikut = resp.context["berikutnya"]
        url = f"/kinerja/penilaian/{berikut}" if berikut else None
        halaman += 1
    assert dilihat == harapan and halaman == 6  # 16 rows, 3 a page
    assert "Penilaian lebih lama" not in resp.content.decode()
    # Another unit's appraisal as the cursor: ignored (first page), never shown.
    resp = klien.get("/kinerja/penilaian/", {"setelah": guru.pk})
    assert [p.pk for p in resp.context["daftar"]] == harapan[:3]
    assert org.guru.nama not in resp.content.decode()
