"""The unit dashboard shows one level of the tree (OPDs, or the sub-units of the chosen unit)
with drill-down links, not a row per unit; the numbers add up over each subtree (issue 17)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kinerja import selectors
from kinerja.models import RekapUnitBulanan
from kinerja.selectors import KOLOM_JUMLAH
from tests.factories import UnitKerjaFactory

BULAN = date(2026, 5, 1)


def masuk(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rekap(unit, n: int) -> None:
    RekapUnitBulanan.objects.create(
        unit_kerja=unit, bulan=BULAN, jumlah_pegawai=n, pegawai_melapor=n // 2,
        jumlah_laporan=3 * n, laporan_disetujui=2 * n, laporan_dikembalikan=1, total_menit=60 * n,
    )  # fmt: skip


@pytest.fixture
def pohon(org):
    """Diskes: own staff, Yankes (with two sections), P2P (no sub-units); Disdik flat."""
    yankes = UnitKerjaFactory(kode="YANKES", nama="Bidang Pelayanan Kesehatan", parent=org.diskes)
    seksi_a = UnitKerjaFactory(kode="YANKES-A", nama="Seksi Rujukan", parent=yankes)
    seksi_b = UnitKerjaFactory(kode="YANKES-B", nama="Seksi Primer", parent=yankes)
    p2p = UnitKerjaFactory(kode="P2P", nama="Bidang P2P", parent=org.diskes)
    for unit, n in [(org.diskes, 4), (yankes, 2), (seksi_a, 7), (seksi_b, 5), (p2p, 3),
                    (org.disdik, 11)]:  # fmt: skip
        _rekap(unit, n)
    return {"yankes": yankes, "seksi_a": seksi_a, "seksi_b": seksi_b, "p2p": p2p}


def _jumlah(baris) -> dict[str, int]:
    return {k: sum(r.jumlah[k] for r in baris) for k in KOLOM_JUMLAH}


def test_rincian_induk_sama_dengan_sendiri_ditambah_anak(org, pohon):
    d = selectors.dasbor_unit(org.admin, unit=org.diskes, bulan=BULAN)
    assert [(r.unit.nama, r.sendiri, r.punya_sub, r.jumlah_pegawai) for r in d.rincian] == [
        ("Dinas Kesehatan", True, False, 4),
        ("Bidang P2P", False, False, 3),
        ("Bidang Pelayanan Kesehatan", False, True, 2 + 7 + 5),
    ]
    assert _jumlah(d.rincian) == d.jumlah
    # Drilling into Yankes: its own row and its two sections add up to its row above.
    bawah = selectors.dasbor_unit(org.admin, unit=pohon["yankes"], bulan=BULAN)
    baris_yankes = next(r for r in d.rincian if r.unit == pohon["yankes"])
    assert _jumlah(bawah.rincian) == bawah.jumlah == baris_yankes.jumlah
    assert [u.nama for u in bawah.jejak] == ["Dinas Kesehatan"]


def test_rincian_provinsi_satu_baris_per_opd(org, pohon):
    d = selectors.dasbor_unit(org.admin, unit=None, bulan=BULAN)
    nama = [r.unit.nama for r in d.rincian]
    assert "Dinas Kesehatan" in nama and "Dinas Pendidikan" in nama
    assert "Seksi Rujukan" not in nama and "Bidang P2P" not in nama
    assert _jumlah(d.rincian) == d.jumlah
    diskes = next(r for r in d.rincian if r.unit == org.diskes)
    assert diskes.jumlah_pegawai == 4 + 2 + 7 + 5 + 3
    assert diskes.punya_sub


def test_halaman_dasbor_tautan_turun_dan_jejak(org, pohon):
    client = masuk(org.admin)
    html = client.get("/kinerja/dasbor/", {"bulan": "2026-05"}).content.decode()
    assert f'href="?unit_kerja={org.diskes.pk}&amp;bulan=2026-05">Dinas Kesehatan</a>' in html
    assert "Seksi Rujukan" not in html
    html = client.get(
        "/kinerja/dasbor/", {"bulan": "2026-05", "unit_kerja": pohon["yankes"].pk}
    ).content.decode()
    assert "Seksi Rujukan" in html and "Seksi Primer" in html
    assert f'href="?unit_kerja={org.diskes.pk}&amp;bulan=2026-05">Dinas Kesehatan</a> ›' in html
    # The picker keeps the chosen unit.
    assert 'value="Bidang Pelayanan Kesehatan [YANKES]"' in html


def test_dasbor_operator_tidak_melihat_jejak_di_atas_unitnya(org, pohon):
    client = masuk(org.op_diskes)
    html = client.get(
        "/kinerja/dasbor/", {"bulan": "2026-05", "unit_kerja": "YANKES"}
    ).content.decode()
    assert "Seksi Rujukan" in html
    assert "Seluruh provinsi" not in html
    assert "Dinas Pendidikan" not in html


def test_dasbor_unit_diketik_ganda_pesan_menyebut_field(org, pohon):
    html = masuk(org.admin).get("/kinerja/dasbor/", {"unit_kerja": "Seksi"}).content.decode()
    assert "Unit kerja: “Seksi” cocok dengan lebih dari satu unit kerja" in html
    assert "Seluruh unit kerja Provinsi Lampung" in html  # the page still answers
