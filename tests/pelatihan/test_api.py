"""Catalogue and session endpoints, scoping of the personal ones, flat query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pelatihan import services
from pelatihan.models import StatusSesi, UndanganSurvei

from .factories import KompetensiFactory, PesertaFactory, SesiFactory, program_untuk


def test_katalog(client, org):
    program_untuk(KompetensiFactory(nama="Surveilans API"), 3, kode="EPI-01", jp=32)
    client.force_login(org.siti.user)
    r = client.get("/api/v1/pelatihan/").json()["results"][0]
    assert (r["kode"], r["jenis"], r["jp"], r["bentuk"]) == ("EPI-01", "TEKNIS", 32, "KLASIKAL")
    assert r["kompetensi"][0]["nama"] == "Surveilans API"
    assert r["kompetensi"][0]["level_target"] == 3


def test_sesi_dengan_kursi(client, org):
    sesi = SesiFactory(kuota=3, tanggal_mulai=date(2026, 8, 3))
    services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    client.force_login(org.siti.user)
    r = client.get("/api/v1/pelatihan/sesi/").json()["results"][0]
    assert (r["id"], r["tanggal_mulai"], r["kuota"], r["terisi"], r["sisa_kuota"]) == (
        sesi.pk, "2026-08-03", 3, 1, 2,
    )  # fmt: skip
    assert r["pelatihan"]["id"] == sesi.pelatihan_id


@pytest.mark.parametrize("params", [{"tahun": "abc"}, {"pelatihan": "x"}, {"pelatihan": "9999"}])
def test_sesi_parameter_salah_400(client, org, params):
    client.force_login(org.siti.user)
    assert client.get("/api/v1/pelatihan/sesi/", params).status_code == 400


@pytest.mark.parametrize(
    "url",
    ["/api/v1/pelatihan/", "/api/v1/pelatihan/sesi/", "/api/v1/pelatihan/jp/",
     "/api/v1/pelatihan/survei/"],
)  # fmt: skip
def test_semua_endpoint_perlu_login(client, db, url):
    assert client.get(url).status_code == 401


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_jumlah_query_katalog_dan_sesi_tetap(client, org):
    k = KompetensiFactory()
    program_untuk(k, 2)
    SesiFactory()
    client.force_login(org.siti.user)
    client.get("/api/v1/pelatihan/")
    satu = (_jumlah_query(client, "/api/v1/pelatihan/"),
            _jumlah_query(client, "/api/v1/pelatihan/sesi/"))  # fmt: skip
    for _ in range(49):
        program_untuk(k, 3)
        SesiFactory()
    # session + user + role lookups, count, page, one prefetch of competencies (catalogue);
    # count and page with the seat count annotated (sessions).
    assert (_jumlah_query(client, "/api/v1/pelatihan/"),
            _jumlah_query(client, "/api/v1/pelatihan/sesi/")) == satu  # fmt: skip


def test_jumlah_query_survei_tetap(client, org):
    def satu_sesi():
        sesi = SesiFactory(status=StatusSesi.SELESAI, tanggal_mulai=date(2026, 3, 2),
                           tanggal_selesai=date(2026, 3, 4))  # fmt: skip
        PesertaFactory(sesi=sesi, pegawai=org.siti)

    satu_sesi()
    services.undangan_survei_buat(pada=date(2026, 3, 4))
    client.force_login(org.siti.user)
    client.get("/api/v1/pelatihan/survei/")
    sedikit = _jumlah_query(client, "/api/v1/pelatihan/survei/")
    # More sessions at different dates, so Siti has no clash... invitations created directly.
    for i in range(49):
        sesi = SesiFactory(status=StatusSesi.SELESAI, tanggal_mulai=date(2025, 1, 1 + i % 28),
                           tanggal_selesai=date(2025, 1, 1 + i % 28))  # fmt: skip
        p = PesertaFactory(sesi=sesi, pegawai=org.siti)
        u = UndanganSurvei.objects.first()
        UndanganSurvei.objects.create(
            peserta=p, jenis="REAKSI", responden="PESERTA", responden_pegawai=org.siti,
            template=u.template, tanggal_jatuh=date(2026, 3, 4),
        )  # fmt: skip
    assert client.get("/api/v1/pelatihan/survei/").json()["count"] == 50
    # session, user, roles, count, page (invitations with session, programme, people,
    # template), one query for the questions of the templates on the page.
    assert _jumlah_query(client, "/api/v1/pelatihan/survei/") == sedikit


def test_skema_openapi_memuat_endpoint_pelatihan(client, org):
    client.force_login(org.hr)
    schema = client.get("/api/schema/").content.decode()
    for path in ["/api/v1/pelatihan/jp/", "/api/v1/pelatihan/survei/{id}/jawab/"]:
        assert path in schema
