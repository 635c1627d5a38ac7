"""Kinerja gives the training needs analysis the weak points of the latest appraisal."""

import pytest
from django.utils import timezone

from kinerja.services import penilaian_buat
from pelatihan.akpk import kelemahan_untuk
from tests.factories import PegawaiFactory
from tests.kinerja.factories import skp_disetujui

pytestmark = pytest.mark.django_db


def test_penilaian_terbaru_di_bawah_ekspektasi_menjadi_kebutuhan_pelatihan():
    kabid = PegawaiFactory()
    lemah = PegawaiFactory(unit_kerja=kabid.unit_kerja, atasan=kabid)
    baik = PegawaiFactory(unit_kerja=kabid.unit_kerja, atasan=kabid)
    tahun = timezone.localdate().year
    for p in (lemah, baik):
        skp_disetujui(p)
    penilaian_buat(
        penilai=kabid, pegawai=lemah, periode=f"{tahun}-Q1", rating_hasil_kerja="DI_BAWAH",
        rating_perilaku="DI_BAWAH", umpan_balik="Perlu pendampingan.",
        catatan_perilaku={"KOMPETEN": "Belum menguasai aplikasi pelaporan"},
    )  # fmt: skip
    penilaian_buat(
        penilai=kabid, pegawai=baik, periode=f"{tahun}-Q1", rating_hasil_kerja="SESUAI",
        rating_perilaku="SESUAI", umpan_balik="Baik.",
    )  # fmt: skip
    hasil = kelemahan_untuk([lemah.pk, baik.pk], tahun)
    assert [k.uraian for k in hasil[lemah.pk]] == [
        f"Hasil kerja di bawah ekspektasi (penilaian {tahun}-Q1).",
        f"Perilaku kerja di bawah ekspektasi (penilaian {tahun}-Q1): "
        "Kompeten: Belum menguasai aplikasi pelaporan.",
    ]
    assert hasil.get(baik.pk, []) == []
