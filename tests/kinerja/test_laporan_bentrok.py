"""Overlapping daily reports (issue 17): on PostgreSQL the exclusion constraint decides, on
SQLite the service's check under the employee lock; both refuse with the same field message,
touching slots are fine, and of simultaneous filings of one slot exactly one wins."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kinerja.models import LaporanHarian
from kinerja.services import laporan as layanan
from tests.kinerja.factories import buat_org, lapor

URL = "/api/v1/kinerja/laporan-harian/"
POSTGRES = connection.vendor == "postgresql"


def klien(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def isian(org, mulai: str, selesai: str, **ubah) -> dict:
    data = {
        "tanggal": timezone.localdate().isoformat(),
        "rhk": org.rhk1.pk,
        "uraian": "Menyusun laporan surveilans DBD",
        "kuantitas": "2",
        "satuan": "laporan",
        "jam_mulai": mulai,
        "jam_selesai": selesai,
    }
    data.update(ubah)
    return data


@pytest.fixture(params=["batasan", "periksa"])
def jalur(request, monkeypatch):
    """Both ways of refusing an overlap: the database constraint (PostgreSQL only) and the
    service's own check (what SQLite runs)."""
    if request.param == "batasan":
        if not POSTGRES:
            pytest.skip("batasan eksklusi hanya ada di PostgreSQL")
    else:
        monkeypatch.setattr(layanan, "_dengan_batasan", lambda: False)
    return request.param


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mulai", "selesai", "diterima"),
    [
        ("08:00", "09:00", True),  # starts where the other ends
        ("06:00", "07:00", True),  # ends where the other starts
        ("07:59", "09:00", False),  # one minute over the other's start
        ("06:00", "07:01", False),  # one minute over the other's end
        ("07:00", "08:00", False),  # the same slot
        ("06:00", "09:00", False),  # around it
    ],
)
def test_batas_tumpang_tindih_di_kedua_jalur(jalur, mulai, selesai, diterima):
    org = buat_org()
    lapor(org.staf1, org.rhk1, timezone.localdate(), "07:00", "08:00")
    resp = klien(org.staf1.user).post(URL, isian(org, mulai, selesai), format="json")

    if diterima:
        assert resp.status_code == 201, resp.content
        assert LaporanHarian.objects.filter(pegawai=org.staf1).count() == 2
    else:
        assert resp.status_code == 400
        assert resp.json() == {
            "jam_mulai": [
                f"Waktu {mulai}–{selesai} bertumpang tindih dengan laporan lain pada tanggal "
                "yang sama (07:00–08:00)."
            ]
        }
        assert LaporanHarian.objects.filter(pegawai=org.staf1).count() == 1


@pytest.mark.django_db
def test_bentrok_dilaporkan_bersama_galat_lain(jalur):
    org = buat_org()
    lapor(org.staf1, org.rhk1, timezone.localdate(), "07:00", "08:00")
    resp = klien(org.staf1.user).post(
        URL, isian(org, "07:30", "08:30", kuantitas="0"), format="json"
    )

    assert resp.status_code == 400
    assert resp.json() == {
        "kuantitas": ["Kuantitas output harus lebih dari 0."],
        "jam_mulai": [
            "Waktu 07:30–08:30 bertumpang tindih dengan laporan lain pada tanggal yang sama "
            "(07:00–08:00)."
        ],
    }


@pytest.mark.django_db
def test_hari_lain_dan_pegawai_lain_tidak_bentrok(jalur):
    org = buat_org()
    lapor(org.staf1, org.rhk1, timezone.localdate() - timedelta(days=1), "07:00", "08:00")
    lapor(org.staf2, org.rhk2, timezone.localdate(), "07:00", "08:00")
    resp = klien(org.staf1.user).post(URL, isian(org, "07:00", "08:00"), format="json")
    assert resp.status_code == 201, resp.content


@pytest.mark.django_db
@pytest.mark.skipif(not POSTGRES, reason="batasan eksklusi hanya ada di PostgreSQL")
def test_database_sendiri_menolak_laporan_bertumpang_tindih():
    """Whatever writes the table (admin, a script), the database refuses an overlap;
    every status counts."""
    org = buat_org()
    hari = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari, "07:00", "08:00", status="DIKEMBALIKAN")
    lapor(org.staf1, org.rhk1, hari, "08:00", "09:00")  # touching: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        lapor(org.staf1, org.rhk1, hari, "08:59", "10:00")


@pytest.mark.django_db
def test_perbaikan_ke_slot_terpakai_ditolak_dengan_pesan_sama(jalur):
    org = buat_org()
    hari = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari, "07:00", "08:00", satuan="laporan")
    kedua = lapor(org.staf1, org.rhk1, hari, "09:00", "10:00", satuan="laporan")
    resp = klien(org.staf1.user).patch(
        f"{URL}{kedua.pk}/", {"jam_mulai": "07:30", "jam_selesai": "08:30"}, format="json"
    )
    assert resp.status_code == 400
    assert resp.json()["jam_mulai"] == [
        "Waktu 07:30–08:30 bertumpang tindih dengan laporan lain pada tanggal yang sama "
        "(07:00–08:00)."
    ]


@pytest.mark.skipif(not POSTGRES, reason="pengajuan serentak memerlukan PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_dua_puluh_pengajuan_serentak_satu_pemenang(jalur):
    """20 clients file overlapping slots of one employee at the same instant (each thread
    its own connection): exactly one report is stored, the others get the overlap message."""
    org = buat_org()
    token, _ = Token.objects.get_or_create(user=org.staf1.user)
    mulai = threading.Barrier(20)
    hasil: list[tuple[int, dict]] = []
    kunci = threading.Lock()

    def ajukan(i: int) -> None:
        try:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
            data = isian(org, f"08:{i:02d}", f"09:{i:02d}")
            mulai.wait(timeout=30)
            resp = client.post(URL, data, format="json")
            with kunci:
                hasil.append((resp.status_code, resp.json()))
        finally:
            connections.close_all()

    utas = [threading.Thread(target=ajukan, args=(i,)) for i in range(20)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=60)

    assert len(hasil) == 20
    assert sorted(kode for kode, _ in hasil) == [201] + [400] * 19
    for kode, body in hasil:
        if kode == 400:
            assert list(body) == ["jam_mulai"]
            assert "bertumpang tindih dengan laporan lain" in body["jam_mulai"][0]
    assert LaporanHarian.objects.filter(pegawai=org.staf1).count() == 1


@pytest.mark.django_db
@pytest.mark.skipif(not POSTGRES, reason="batasan eksklusi hanya ada di PostgreSQL")
def test_migrasi_batasan_berhenti_dan_menyebut_pasangan_yang_bertumpang_tindih():
    import importlib

    migrasi = importlib.import_module("kinerja.migrations.0013_laporan_tanpa_tumpang_tindih")
    org = buat_org()
    hari = timezone.localdate()
    a = lapor(org.staf1, org.rhk1, hari, "08:00", "09:00")
    with connection.cursor() as c:  # deferred FK checks first: ALTER refuses pending triggers
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        c.execute(f"ALTER TABLE kinerja_laporanharian DROP CONSTRAINT {migrasi.NAMA}")
    b = lapor(org.staf1, org.rhk1, hari, "08:59", "10:00")
    with connection.schema_editor() as editor, pytest.raises(RuntimeError) as galat:
        migrasi.batasan_buat(None, editor)
    assert f"{a.pk}–{b.pk}" in str(galat.value) and "tumpang tindih" in str(galat.value)
    # Once the pair is corrected the constraint is created again (touching slots allowed).
    LaporanHarian.objects.filter(pk=b.pk).update(jam_mulai="09:00")
    with connection.cursor() as c:
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        migrasi.batasan_buat(None, editor)
    with pytest.raises(IntegrityError), transaction.atomic():
        lapor(org.staf1, org.rhk1, hari, "08:30", "08:45")


@pytest.mark.django_db
@pytest.mark.skipif(not POSTGRES, reason="batasan eksklusi hanya ada di PostgreSQL")
def test_kebuntuan_antar_pengajuan_serentak_dicoba_lagi_bukan_500(monkeypatch):
    """Two simultaneous filings may deadlock while each checks the exclusion constraint
    against the other's uncommitted row; PostgreSQL aborts one. It is retried (the other has
    finished by then) instead of answering 500; three deadlocks in a row: the field message."""
    from django.db import OperationalError

    class Buntu(Exception):
        pgcode = "40P01"

    asli = layanan._ajukan
    sisa = {"n": 1}

    def ajukan(*args, **kwargs):
        if sisa["n"] > 0:
            sisa["n"] -= 1
            raise OperationalError("deadlock detected") from Buntu()
        return asli(*args, **kwargs)

    monkeypatch.setattr(layanan, "_ajukan", ajukan)
    org = buat_org()
    resp = klien(org.staf1.user).post(URL, isian(org, "08:00", "09:00"), format="json")
    assert resp.status_code == 201
    assert LaporanHarian.objects.filter(pegawai=org.staf1).count() == 1
    sisa["n"] = 3
    resp = klien(org.staf1.user).post(URL, isian(org, "10:00", "11:00"), format="json")
    assert resp.status_code == 400
    assert "coba lagi" in resp.json()["jam_mulai"][0]
    assert LaporanHarian.objects.filter(pegawai=org.staf1).count() == 1
