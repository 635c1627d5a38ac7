"""Admin BKD adds and edits rule rows in the admin (with history); an operator only reads."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aturan import katalog
from aturan.models import Aturan
from tests.factories import UnitKerjaFactory, admin_bkd, operator

pytestmark = pytest.mark.django_db


def test_admin_bkd_menambah_baris_dan_melihat_riwayatnya(client):
    client.force_login(admin_bkd())
    r = client.post(
        reverse("admin:aturan_aturan_add"),
        {
            "kode": katalog.KP_BULAN_PERIODE,
            "berlaku_mulai": "2031-01-01",
            "regulasi": "Peraturan BKN (uji)",
            "nilai": json.dumps({"bulan": [3, 9]}),
            "keterangan": "",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    baris = Aturan.objects.get(berlaku_mulai="2031-01-01")
    assert baris.nilai == {"bulan": [3, 9]}
    r = client.get(reverse("admin:aturan_aturan_history", args=[baris.pk]))
    assert r.status_code == 200


def test_admin_menolak_nilai_rusak_dengan_pesan(client):
    client.force_login(admin_bkd())
    r = client.post(
        reverse("admin:aturan_aturan_add"),
        {
            "kode": katalog.KP_BULAN_PERIODE,
            "berlaku_mulai": "2031-01-01",
            "regulasi": "Uji",
            "nilai": json.dumps({"bulan": [13]}),
        },
    )
    assert r.status_code == 200
    assert "Setiap bulan harus angka 1 sampai 12." in r.content.decode()
    assert not Aturan.objects.filter(berlaku_mulai="2031-01-01").exists()


def test_operator_membaca_tetapi_tidak_dapat_menambah(client):
    client.force_login(operator(UnitKerjaFactory()))
    assert client.get(reverse("admin:aturan_aturan_changelist")).status_code == 200
    assert client.get(reverse("admin:aturan_aturan_add")).status_code == 403


def test_changelist_jumlah_query_datar(client):
    client.force_login(admin_bkd())

    def hitung() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("admin:aturan_aturan_changelist")).status_code == 200
        return len(ctx)

    satu = hitung()
    for i in range(50):
        Aturan.objects.create(kode=katalog.KP_BULAN_PERIODE, berlaku_mulai=date(2040 + i, 1, 1),
                              nilai={"bulan": [1]}, regulasi="Uji")  # fmt: skip
    # Session, user, permissions, the count and one page of rows: flat from 9 to 59 rows.
    assert hitung() == satu
