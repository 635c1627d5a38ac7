"""The other karier changelists (development plans, mentor assignments, potential scores,
key positions, promotion proposals): the same number of queries with 1 row as with 50."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from karier.models import (
    JabatanKunci,
    PenilaianPotensi,
    PenunjukanMentor,
    RencanaPengembangan,
    UsulanKenaikanPangkat,
)
from tests.admin_kueri import changelist_jumlah_query_tetap
from tests.factories import PegawaiFactory
from tests.jabatan.factories import JabatanFactory


def _pegawai(org):
    return PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid)


def _rencana(org, i: int) -> None:
    RencanaPengembangan.objects.create(pegawai=_pegawai(org), tahun=2026, tujuan="Tumbuh")


def _mentor(org, i: int) -> None:
    PenunjukanMentor.objects.create(pegawai=_pegawai(org), mentor=org.kabid,
                                    mulai=date(2026, 1, 1))  # fmt: skip


def _potensi(org, i: int) -> None:
    PenilaianPotensi.objects.create(pegawai=_pegawai(org), tahun=2026, nilai=70,
                                    metode="Uji potensi", dicatat_oleh=org.hr)  # fmt: skip


def _kunci(org, i: int) -> None:
    JabatanKunci.objects.create(jabatan=JabatanFactory())


def _usulan(org, i: int) -> None:
    UsulanKenaikanPangkat.objects.create(pegawai=_pegawai(org), periode="2026-04",
                                         golongan_baru="III/c", diubah_oleh=org.hr)  # fmt: skip


BUAT = {
    "rencanapengembangan": _rencana,
    "penunjukanmentor": _mentor,
    "penilaianpotensi": _potensi,
    "jabatankunci": _kunci,
    "usulankenaikanpangkat": _usulan,
}


@pytest.mark.parametrize("model", list(BUAT))
def test_changelist_jumlah_query_tetap_1_dan_50(client, org, model):
    url = reverse(f"admin:karier_{model}_changelist")
    changelist_jumlah_query_tetap(client, org.hr, url, lambda i: BUAT[model](org, i))
