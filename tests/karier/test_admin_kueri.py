"""The other karier changelists (development plans, mentor assignments, potential scores,
key positions, promotion proposals): the same number of queries with 1 row as with 50."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from karier.models import (
    JabatanKunci,
    PenilaianPotensi,
    PenunjukanMentor,
    RencanaPengembangan,
    UsulanKenaikanPangkat,
)
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


def _kueri(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx), resp.content.decode()


@pytest.mark.parametrize("model", list(BUAT))
def test_changelist_jumlah_query_tetap_1_dan_50(client, org, model):
    # session, user, the access scope (groups, operator, pegawai), permissions, the count(s),
    # one page of rows with their foreign keys joined (list_select_related), the filter
    # choices: none of them per row.
    url = reverse(f"admin:karier_{model}_changelist")
    client.force_login(org.hr)
    BUAT[model](org, 0)
    client.get(url)  # warm the per-process caches (content types, permissions)
    satu, _ = _kueri(client, url)
    for i in range(1, 50):
        BUAT[model](org, i)
    lima_puluh, html = _kueri(client, url)
    assert lima_puluh == satu
    assert html.count("<tr") >= 50  # the rows are really listed
