"""Kinerja feeds jabatan's candidate score with each candidate's latest predikat."""

import pytest
from django.utils import timezone

from jabatan import pencocokan
from kinerja.services import penilaian_buat
from tests.factories import PegawaiFactory
from tests.jabatan.factories import JabatanFactory
from tests.kinerja.factories import skp_disetujui

pytestmark = pytest.mark.django_db


def test_predikat_terbaru_menjadi_bagian_kinerja():
    kabid = PegawaiFactory()
    rajin = PegawaiFactory(unit_kerja=kabid.unit_kerja, atasan=kabid)
    biasa = PegawaiFactory(unit_kerja=kabid.unit_kerja, atasan=kabid)
    baru = PegawaiFactory(unit_kerja=kabid.unit_kerja, atasan=kabid)
    tahun = timezone.localdate().year
    for p, hasil in ((rajin, "DI_ATAS"), (biasa, "SESUAI")):
        skp_disetujui(p)
        penilaian_buat(
            penilai=kabid, pegawai=p, periode=f"{tahun}-Q1", rating_hasil_kerja=hasil,
            rating_perilaku="DI_ATAS", umpan_balik="Terus pertahankan.",
        )  # fmt: skip
    fungsi = pencocokan._SUMBER["kinerja"].hitung
    assert fungsi is not None, "kinerja registers its source when the app is ready"
    jabatan = JabatanFactory()
    hasil = fungsi([jabatan], [rajin.pk, biasa.pk, baru.pk])
    kunci = jabatan.pk
    assert hasil[(kunci, rajin.pk)] == (1.0, f"Predikat kinerja terakhir Sangat Baik ({tahun}-Q1)")
    assert hasil[(kunci, biasa.pk)] == (0.75, f"Predikat kinerja terakhir Baik ({tahun}-Q1)")
    assert (kunci, baru.pk) not in hasil  # no appraisal yet: the part is not counted
