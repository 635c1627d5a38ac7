"""Pelatihan feeds jabatan's candidate score with the training a candidate passed."""

from datetime import date

import pytest

from jabatan import pencocokan
from pelatihan.models import StatusSesi
from tests.factories import PegawaiFactory
from tests.pelatihan.factories import (
    KompetensiFactory,
    PesertaFactory,
    SesiFactory,
    jabatan_dengan_standar,
    program_untuk,
)

pytestmark = pytest.mark.django_db


def test_pelatihan_lulus_pada_kompetensi_jabatan_dihitung():
    surveilans = KompetensiFactory(nama="Surveilans")
    analisis = KompetensiFactory(nama="Analisis Data")
    jabatan = jabatan_dengan_standar({surveilans: 3, analisis: 2})
    terlatih, gagal, baru = PegawaiFactory(), PegawaiFactory(), PegawaiFactory()
    tahun_lalu = date(date.today().year - 1, 3, 2)
    sesi = SesiFactory(
        pelatihan=program_untuk(surveilans, 3), status=StatusSesi.SELESAI,
        tanggal_mulai=tahun_lalu,
    )  # fmt: skip
    PesertaFactory(sesi=sesi, pegawai=terlatih, hadir=True, hasil="LULUS")
    PesertaFactory(sesi=sesi, pegawai=gagal, hadir=True, hasil="TIDAK_LULUS")

    fungsi = pencocokan._SUMBER["pelatihan"].hitung
    assert fungsi is not None, "pelatihan registers its source when the app is ready"
    hasil = fungsi([jabatan], [terlatih.pk, gagal.pk, baru.pk])
    assert hasil == {
        (jabatan.pk, terlatih.pk): (0.5, "1 dari 2 kompetensi jabatan pernah dilatih (Surveilans).")
    }
