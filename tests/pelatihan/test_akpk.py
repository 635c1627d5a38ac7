"""AKPK on hand-made cases: gaps per employee from the jabatan standard and the latest
assessment, the unit aggregate, programmes that close a gap, and the pluggable weak points
from the appraisal."""

from __future__ import annotations

from datetime import date

import pytest

from jabatan.models import AsesmenKompetensi
from pelatihan import akpk, selectors
from pelatihan.models import KebutuhanPelatihan

from .factories import (
    KompetensiFactory,
    PegawaiFactory,
    jabatan_dengan_standar,
    program_untuk,
    tempatkan,
)


def ases(pegawai, kompetensi, level, tanggal):
    AsesmenKompetensi.objects.create(
        pegawai=pegawai, kompetensi=kompetensi, level=level, tanggal=tanggal,
        metode="UJI_KOMPETENSI",
    )  # fmt: skip


@pytest.fixture
def kasus(org):
    epi = KompetensiFactory(nama="Surveilans Uji")
    data = KompetensiFactory(nama="Analisis Data Uji")
    integ = KompetensiFactory(nama="Integritas Uji", jenis="MANAJERIAL")
    jabatan = jabatan_dengan_standar({epi: 4, data: 3, integ: 3})
    for p in (org.siti, org.andi):
        tempatkan(p, jabatan)
    # Siti: surveilans 2 (older 1), data 3 (= standard), integritas never assessed.
    ases(org.siti, epi, 1, date(2024, 5, 1))
    ases(org.siti, epi, 2, date(2025, 5, 1))
    ases(org.siti, data, 3, date(2025, 5, 1))
    # Andi: surveilans 3, data 1 (newer than an older 4), integritas 3.
    ases(org.andi, epi, 3, date(2025, 5, 1))
    ases(org.andi, data, 4, date(2023, 5, 1))
    ases(org.andi, data, 1, date(2025, 6, 1))
    ases(org.andi, integ, 3, date(2025, 6, 1))
    program_untuk(epi, 4, nama="Surveilans Lanjut")
    program_untuk(epi, 2, nama="Surveilans Dasar")
    return {"epi": epi, "data": data, "integ": integ}


def test_kesenjangan_per_pegawai_dari_asesmen_terakhir(org, kasus):
    hasil = selectors.akpk_pegawai(org.siti, tahun=2026)
    assert hasil.jabatan == "Analis Uji"
    assert [(g.kompetensi.nama, g.standar, g.hasil, g.selisih) for g in hasil.kesenjangan] == [
        ("Surveilans Uji", 4, 2, 2)
    ]
    assert [g.kompetensi.nama for g in hasil.belum_diases] == ["Integritas Uji"]
    # Only the programme reaching the required level closes the gap.
    assert [p.nama for p in hasil.kesenjangan[0].program] == ["Surveilans Lanjut"]


def test_asesmen_terbaru_yang_menentukan(org, kasus):
    hasil = selectors.akpk_pegawai(org.andi, tahun=2026)
    assert [(g.kompetensi.nama, g.selisih) for g in hasil.kesenjangan] == [
        ("Analisis Data Uji", 2),
        ("Surveilans Uji", 1),
    ]
    assert hasil.belum_diases == []


def test_tanpa_penempatan_tidak_ada_kesenjangan(org, kasus):
    hasil = selectors.akpk_pegawai(org.rizki, tahun=2026)
    assert hasil.kesenjangan == [] and hasil.belum_diases == []


def test_agregat_unit(org, kasus):
    KebutuhanPelatihan.objects.create(
        pegawai=org.siti, kompetensi=kasus["data"], sumber="SURVEI_PENERAPAN", tahun=2026
    )
    baris = {b.kompetensi.nama: b for b in selectors.akpk_unit(org.operator_diskes, tahun=2026)}
    epi = baris["Surveilans Uji"]
    assert (epi.pegawai_kesenjangan, epi.rata_selisih, epi.belum_diases) == (2, 1.5, 0)
    assert [p.nama for p in epi.program] == ["Surveilans Dasar", "Surveilans Lanjut"]
    data = baris["Analisis Data Uji"]
    assert (data.pegawai_kesenjangan, data.rata_selisih, data.tindak_lanjut) == (1, 2.0, 1)
    integ = baris["Integritas Uji"]
    assert (integ.pegawai_kesenjangan, integ.belum_diases) == (0, 1)


def test_agregat_mengikuti_lingkup(org, kasus):
    PegawaiFactory(unit_kerja=org.disdik)
    assert selectors.akpk_unit(org.kabid_disdik.user, tahun=2026) == []
    assert selectors.akpk_unit(org.hr, tahun=2026, unit=org.disdik) == []
    assert len(selectors.akpk_unit(org.hr, tahun=2026, unit=org.diskes)) == 3


def test_kelemahan_kinerja_dari_penyedia_terdaftar(org, kasus):
    panggilan = []

    def penyedia(pegawai_ids, tahun):
        panggilan.append((sorted(pegawai_ids), tahun))
        return [
            {"pegawai_id": org.siti.pk, "uraian": "Perilaku Kolaboratif di bawah ekspektasi",
             "kompetensi_id": kasus["integ"].pk},
        ]  # fmt: skip

    akpk.daftarkan_penyedia_kelemahan("uji", penyedia)
    try:
        hasil = selectors.akpk_pegawai(org.siti, tahun=2026)
        assert [k.uraian for k in hasil.kelemahan] == ["Perilaku Kolaboratif di bawah ekspektasi"]
        baris = {b.kompetensi.nama: b for b in selectors.akpk_unit(org.hr, tahun=2026)}
        assert baris["Integritas Uji"].kelemahan_kinerja == 1
        assert len(panggilan) == 2  # once per page, with every employee at once
    finally:
        akpk.hapus_penyedia_kelemahan("uji")


def test_penyedia_yang_gagal_tidak_merusak_halaman(org, kasus, settings):
    settings.PELATIHAN_PENYEDIA_KELEMAHAN = ["tests.pelatihan.test_akpk.penyedia_rusak"]
    hasil = selectors.akpk_pegawai(org.siti, tahun=2026)
    assert hasil.kelemahan == [] and len(hasil.kesenjangan) == 1


def penyedia_rusak(pegawai_ids, tahun):
    raise RuntimeError("kinerja belum siap")


def test_halaman_akpk_tercakup(client, org, kasus):
    client.force_login(org.siti.user)
    html = client.get("/pelatihan/akpk/").content.decode()
    assert "Surveilans Uji" in html and "Surveilans Lanjut" in html
    assert client.get(f"/pelatihan/akpk/{org.andi.nip}/").status_code == 404
    assert client.get("/pelatihan/akpk/unit/").status_code == 404
    client.force_login(org.kabid.user)
    assert client.get(f"/pelatihan/akpk/{org.andi.nip}/").status_code == 200
    client.force_login(org.operator_diskes)
    html = client.get("/pelatihan/akpk/unit/").content.decode()
    assert "Analisis Data Uji" in html
