"""The other pelatihan changelists (programmes, speakers, certificates, needs, survey
templates): the same number of queries with 1 row as with 50. TargetJP is left out: one row
per employment status, it never grows."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from pelatihan.models import KebutuhanPelatihan, Narasumber, Sertifikat, TemplateSurvei
from tests.admin_kueri import changelist_jumlah_query_tetap

from .factories import KompetensiFactory, PegawaiFactory, PelatihanFactory


def _pelatihan(org, i: int) -> None:
    PelatihanFactory()


def _narasumber(org, i: int) -> None:
    Narasumber.objects.create(nama=f"Narasumber {i}", jenis="PRAKTISI", instansi="Unila")


def _sertifikat(org, i: int) -> None:
    Sertifikat.objects.create(
        pegawai=PegawaiFactory(unit_kerja=org.diskes), pelatihan=PelatihanFactory(),
        nama="Sertifikat uji", nomor=f"SRT-{i:03d}", tanggal_terbit=date(2025, 1, 1 + i % 28),
    )  # fmt: skip


def _kebutuhan(org, i: int) -> None:
    KebutuhanPelatihan.objects.create(
        pegawai=PegawaiFactory(unit_kerja=org.diskes), kompetensi=KompetensiFactory(),
        sumber="USULAN", tahun=2026,
    )  # fmt: skip


def _template(org, i: int) -> None:
    TemplateSurvei.objects.create(nama=f"Template uji {i}", jenis="REAKSI")


BUAT = {
    "pelatihan": _pelatihan,
    "narasumber": _narasumber,
    "sertifikat": _sertifikat,
    "kebutuhanpelatihan": _kebutuhan,
    "templatesurvei": _template,
}


@pytest.mark.parametrize("model", list(BUAT))
def test_changelist_jumlah_query_tetap_1_dan_50(client, org, model):
    url = reverse(f"admin:pelatihan_{model}_changelist")
    changelist_jumlah_query_tetap(client, org.hr, url, lambda i: BUAT[model](org, i))
