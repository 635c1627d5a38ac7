"""The supervisor's charts (reports per day, RHK progress) and HR's dashboard per unit from the
monthly rollups: the numbers a user reads, scope, and flat query counts."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja import grafik, services
from kinerja.models import Penilaian, Skp
from kinerja.selectors import LaporanHari
from tests.factories import PegawaiFactory, UnitKerjaFactory
from tests.kinerja.factories import lapor, skp_disetujui

pytestmark = pytest.mark.django_db

NAMA_HARI = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
BULAN = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def hari_ini() -> date:
    return timezone.localdate()


def judul_hari(t: date) -> str:
    return f"{NAMA_HARI[t.weekday()]}, {t.day} {BULAN.split()[t.month - 1]}"


# --- Reports per day ----------------------------------------------------------------------------


def test_grafik_laporan_per_hari_bawahan(org):
    kemarin = hari_ini() - timedelta(days=1)
    lapor(org.staf1, org.rhk1, hari_ini(), "08:00", "09:00", status="DISETUJUI")
    lapor(org.staf1, org.rhk1, hari_ini(), "09:00", "10:00")
    lapor(org.staf2, org.rhk2, hari_ini(), status="DIKEMBALIKAN")
    lapor(org.staf2, org.rhk2, kemarin, status="DISETUJUI")
    lapor(org.guru, org.rhk_guru, hari_ini())  # another supervisor's subordinate
    lapor(org.staf1, org.rhk1, hari_ini() - timedelta(days=30))  # outside the 30 days

    html = masuk(org.kabid.user).get("/kinerja/bawahan/").content.decode()
    assert "Laporan per hari (30 hari terakhir)" in html
    assert "4 laporan, 2 disetujui." in html
    assert f"<title>{judul_hari(hari_ini())}: 3 laporan, 1 disetujui</title>" in html
    assert f"<title>{judul_hari(kemarin)}: 1 laporan, 1 disetujui</title>" in html
    assert html.count("<title>") == 1 + 30  # the chart's own title and one per day
    svg = html[html.index('<svg class="grafik-harian"') : html.index("</svg>")]
    # Coordinates are written with a decimal point whatever the page's locale.
    assert not re.search(r'(?:x|y|width|height)="\d+,\d', svg)


def test_geometri_grafik_harian():
    mulai = date(2026, 3, 1)
    hari = [LaporanHari(mulai + timedelta(days=i), i % 3, i % 2) for i in range(30)]
    hari[10] = LaporanHari(hari[10].tanggal, 7, 3)
    g = grafik.grafik_harian(hari)
    assert g.maks == 10  # a round top above the busiest day
    assert [n for _, n in g.garis] == [0, 5, 10]
    b = g.batang[10]
    tinggi_plot = grafik.TINGGI - grafik.ATAS - grafik.BAWAH
    assert b.tinggi_disetujui == pytest.approx(tinggi_plot * 3 / 10, abs=0.01)
    assert b.tinggi_lain == pytest.approx(tinggi_plot * 4 / 10, abs=0.01)
    assert b.y_lain + b.tinggi_lain == pytest.approx(b.y_disetujui, abs=0.02)
    # A date under the last bar (30 March) and every seventh bar before it.
    assert [x.label for x in g.batang if x.label] == ["2/3", "9/3", "16/3", "23/3", "30/3"]
    assert grafik.grafik_harian([]).maks == 4


# --- RHK progress -------------------------------------------------------------------------------


def test_progres_rhk_bawahan_dari_laporan_disetujui(org):
    lapor(org.staf1, org.rhk1, hari_ini(), "08:00", "09:00", status="DISETUJUI", kuantitas=25)
    lapor(org.staf1, org.rhk1, hari_ini(), "09:00", "10:00", status="DISETUJUI", kuantitas=5)
    lapor(org.staf1, org.rhk1, hari_ini(), "10:00", "11:00", kuantitas=40)  # still waiting
    html = masuk(org.kabid.user).get("/kinerja/bawahan/").content.decode()
    assert f"Progres RHK tahun {hari_ini().year}" in html
    assert "Laporan surveilans" in html and "30 / 100 dokumen (30%)" in html
    assert "Data kasus" in html and "0 / 100 dokumen (0%)" in html
    assert "Inventaris cagar" not in html  # not a direct subordinate's
    assert 'class="batang__isi" width="30.0"' in html


def test_progres_rhk_melewati_target_batang_penuh(org):
    lapor(org.staf1, org.rhk1, hari_ini(), status="DISETUJUI", kuantitas=150)
    html = masuk(org.kabid.user).get("/kinerja/bawahan/").content.decode()
    assert "150 / 100 dokumen (150%)" in html
    assert 'class="batang__isi batang__isi--tercapai" width="100.0"' in html


def test_halaman_bawahan_dengan_grafik_jumlah_kueri_tetap(org):
    def tambah(n):
        for _ in range(n):
            p = PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid)
            rhk = skp_disetujui(p, rhk_atasan=org.rhk_kabid).rhk.get()
            for i in range(3):
                lapor(p, rhk, hari_ini() - timedelta(days=i), status="DISETUJUI")

    client = masuk(org.kabid.user)
    tambah(1)
    with CaptureQueriesContext(connection) as satu:
        assert client.get("/kinerja/bawahan/").status_code == 200
    tambah(49)
    with CaptureQueriesContext(connection) as lima_puluh:
        html = client.get("/kinerja/bawahan/").content.decode()
    assert html.count("progres-rhk__item") == 52  # 50 new RHK and staf1's and staf2's
    # session, user, the access scope; subordinates with counts (one GROUP BY), reports per
    # day (one GROUP BY), RHK with target and realisation (one query with subqueries).
    assert len(satu) == len(lima_puluh)


# --- HR dashboard -------------------------------------------------------------------------------


def _rekap(bulan: date | None = None) -> None:
    services.rekap_bulan_hitung(bulan=bulan or hari_ini())


def _penilaian_triwulan(org, pegawai, predikat, akhir: date) -> None:
    skp = Skp.objects.get(pegawai=pegawai, tahun=akhir.year)
    Penilaian.objects.create(
        pegawai=pegawai, skp=skp, penilai=pegawai.atasan or org.kabid,
        unit_kerja=pegawai.unit_kerja, periode=f"{akhir.year}-Q{(akhir.month - 1) // 3 + 1}",
        jenis_periode="TRIWULANAN", tahun=akhir.year, tanggal_akhir=akhir,
        rating_hasil_kerja="SESUAI", rating_perilaku="SESUAI", predikat=predikat, umpan_balik="-",
    )  # fmt: skip


def test_dasbor_operator_kepatuhan_unit_dari_rekap(org):
    # Diskes: kabid, staf1, staf2; two of them report this month.
    lapor(org.staf1, org.rhk1, hari_ini(), status="DISETUJUI")
    lapor(org.staf1, org.rhk1, hari_ini(), "10:00", "11:00", status="DIKEMBALIKAN")
    lapor(org.staf2, org.rhk2, hari_ini())
    lapor(org.guru, org.rhk_guru, hari_ini())  # Disdik
    _rekap()
    html = masuk(org.op_diskes).get("/kinerja/dasbor/").content.decode()
    assert "Dinas Kesehatan beserta sub-unitnya" in html
    assert '<span class="stat__value">66,7%</span>' in html
    assert "pegawai melapor (2 dari 3)" in html
    assert '<span class="stat__value">3</span><span class="stat__label">laporan diajukan' in html
    assert '<span class="stat__value">1</span><span class="stat__label">laporan disetujui' in html
    assert '<span class="stat__value">1</span><span class="stat__label">laporan dikembalikan' in (
        html
    )
    assert "Dinas Pendidikan" not in html  # neither in the rows nor among the choices


def test_dasbor_sebaran_predikat_tahun_berjalan(org):
    tahun = hari_ini().year
    _penilaian_triwulan(org, org.staf1, "SANGAT_BAIK", date(tahun, 3, 31))
    _penilaian_triwulan(org, org.staf2, "BAIK", date(tahun, 3, 31))
    _rekap(date(tahun, 3, 1))
    html = masuk(org.op_diskes).get("/kinerja/dasbor/", {"bulan": f"{tahun}-06"}).content.decode()
    assert f"2 penilaian dengan periode berakhir Januari–Juni {tahun}." in html
    assert "1 (50%)" in html
    assert 'batang__isi--sangat_baik" width="50.0"' in html
    assert 'batang__isi--kurang" width="0.0"' in html


def test_dasbor_admin_seluruh_provinsi_dan_unit_mana_pun(org):
    lapor(org.staf1, org.rhk1, hari_ini())
    lapor(org.guru, org.rhk_guru, hari_ini())
    _rekap()
    client = masuk(org.admin)
    html = client.get("/kinerja/dasbor/").content.decode()
    assert "Seluruh unit kerja Provinsi Lampung" in html
    assert "pegawai melapor (2 dari 5)" in html
    html = client.get("/kinerja/dasbor/", {"unit_kerja": org.disdik.pk}).content.decode()
    assert "pegawai melapor (1 dari 2)" in html


@pytest.mark.parametrize(("siapa", "status"), [("op_disdik", 404), ("op_diskes", 200)])
def test_dasbor_unit_di_luar_cakupan_404(org, siapa, status):
    resp = masuk(getattr(org, siapa)).get("/kinerja/dasbor/", {"unit_kerja": org.diskes.pk})
    assert resp.status_code == status


@pytest.mark.parametrize("siapa", ["staf1", "kabid"])
def test_dasbor_bukan_untuk_pegawai_atau_atasan(org, siapa):
    assert masuk(getattr(org, siapa).user).get("/kinerja/dasbor/").status_code == 404


def test_dasbor_tren_enam_bulan(org):
    bulan_lalu = (hari_ini().replace(day=1) - timedelta(days=1)).replace(day=1)
    lapor(org.staf1, org.rhk1, hari_ini())
    _rekap()
    lapor(org.staf1, org.rhk1, bulan_lalu + timedelta(days=3))
    lapor(org.staf2, org.rhk2, bulan_lalu + timedelta(days=3))
    _rekap(bulan_lalu)
    html = masuk(org.op_diskes).get("/kinerja/dasbor/").content.decode()
    baris = re.findall(r'batang-daftar__angka">([\d,]+)%<', html)
    assert baris[:6] == ["0", "0", "0", "0", "66,7", "33,3"]


def test_dasbor_jumlah_kueri_tetap(org):
    def tambah(n):
        for _ in range(n):
            unit = UnitKerjaFactory(parent=org.diskes)
            p = PegawaiFactory(unit_kerja=unit, atasan=org.kabid)
            lapor(p, skp_disetujui(p, rhk_atasan=org.rhk_kabid).rhk.get(), hari_ini())
        _rekap()

    client = masuk(org.op_diskes)
    tambah(1)
    with CaptureQueriesContext(connection) as satu:
        assert client.get("/kinerja/dasbor/").status_code == 200
    tambah(49)
    with CaptureQueriesContext(connection) as lima_puluh:
        html = client.get("/kinerja/dasbor/").content.decode()
    assert "pegawai melapor (50 dari 53)" in html
    # session, user, the access scope, then from the rollups: the totals of the month and the
    # year's predikat (one aggregate), the six-month trend (one GROUP BY), the month grouped by
    # direct sub-unit, the sub-units themselves, the ancestors (the unit picker is a text
    # input: no query for its choices).
    assert len(satu) == len(lima_puluh)
