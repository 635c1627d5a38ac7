"""The limits `make bench` measures against must be correct, or the ratio means nothing:
`/bench/lapor-minimal` (figure 2's limit) files a report only when the same two rules as the
service hold. (Speed is never asserted here.)"""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIRequestFactory, force_authenticate

from inti.waktu import hari_ini
from kinerja.models import LaporanHarian
from tests.kinerja.factories import buat_org

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQL PostgreSQL"),
]


def kirim(pegawai, rhk, mulai="08:00", selesai="10:00"):
    from bench.urls import LaporMinimal

    data = {"tanggal": hari_ini().isoformat(), "rhk": rhk.pk, "uraian": "Uji", "kuantitas": "1",
            "satuan": "laporan", "jam_mulai": mulai, "jam_selesai": selesai}  # fmt: skip
    request = APIRequestFactory().post("/bench/lapor-minimal", data, format="json")
    force_authenticate(request, user=pegawai.user)
    return LaporMinimal.as_view()(request)


def test_lapor_minimal_memegang_aturan_yang_sama():
    org = buat_org()
    assert kirim(org.staf1, org.rhk1).status_code == 201
    # another employee's RHK: refused
    assert kirim(org.staf1, org.rhk2, "11:00", "12:00").status_code == 400
    # overlapping the first report by one minute: refused; touching it end-to-start: filed
    assert kirim(org.staf1, org.rhk1, "09:59", "11:00").status_code == 400
    assert kirim(org.staf1, org.rhk1, "10:00", "11:00").status_code == 201
    assert LaporanHarian.objects.filter(pegawai=org.staf1).count() == 2


def test_lapor_minimal_menolak_rhk_skp_belum_disetujui():
    org = buat_org()
    skp = org.rhk1.skp
    skp.status = "DRAFT"
    skp.save()
    assert kirim(org.staf1, org.rhk1).status_code == 400
    assert not LaporanHarian.objects.filter(pegawai=org.staf1).exists()
