"""The jabatan API: catalogue, formasi, placements (rules → 400, scope → 404), candidates,
the schema, and flat query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from jabatan.models import Penempatan
from tests.factories import PegawaiFactory

from .conftest import tempatkan
from .factories import FormasiFactory, JabatanFactory


def klien(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def data_penempatan(k, **ubah):
    data = {
        "pegawai": k.siti.nip,
        "jabatan": k.epid.pk,
        "unit_kerja": k.p2p.pk,
        "jenis": "MUTASI",
        "nomor_sk": "821/9/BKD/2024",
        "tmt": "2024-03-01",
    }
    data.update(ubah)
    return data


def test_tanpa_login_401(client, db):
    for url in ("/api/v1/jabatan/", "/api/v1/formasi/", "/api/v1/penempatan/"):
        assert client.get(url).status_code == 401


def test_katalog_jabatan_dengan_standar(kantor):
    resp = klien(kantor.siti.user).get("/api/v1/jabatan/", {"q": "epidemiolog"})
    assert resp.status_code == 200
    [row] = resp.json()["results"]
    assert {"id", "kode", "nama", "jenis", "kelas_jabatan", "standar_kompetensi"} <= set(row)
    assert (row["kode"], row["jenis"], row["kelas_jabatan"]) == ("EPID", "FUNGSIONAL", 8)


def test_formasi_dengan_terisi_dan_kekurangan(kantor):
    resp = klien(kantor.admin).get("/api/v1/formasi/", {"unit_kerja": kantor.diskes.pk})
    rows = {r["jabatan"]["kode"]: r for r in resp.json()["results"]}
    assert set(rows) == {"KADIS", "KABID", "EPID"}  # diskes and its sub-unit
    assert (rows["EPID"]["kebutuhan"], rows["EPID"]["terisi"], rows["EPID"]["kekurangan"]) == (
        2,
        0,
        2,
    )
    assert rows["KABID"]["unit_kerja"]["kode"] == "DISKES-P2P"


def test_formasi_terbatas_pada_unit_yang_boleh_dilihat(kantor):
    resp = klien(kantor.op_disdik).get("/api/v1/formasi/")
    assert {r["jabatan"]["kode"] for r in resp.json()["results"]} == {"GURU"}
    resp = klien(kantor.op_disdik).get("/api/v1/formasi/", {"unit_kerja": kantor.diskes.pk})
    assert resp.status_code == 400
    assert "di luar kewenangan" in resp.json()["unit_kerja"][0]
    assert klien(kantor.op_disdik).get("/api/v1/formasi/", {"unit_kerja": "x"}).status_code == 400


def test_hr_menempatkan_lewat_api(kantor):
    resp = klien(kantor.admin).post("/api/v1/penempatan/", data_penempatan(kantor), format="json")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["aktif"] and body["jenis"] == "MUTASI"
    assert body["pegawai"]["nip"] == kantor.siti.nip
    assert body["atasan"]["nip"] == kantor.kepala_bidang.nip
    assert not Penempatan.objects.get(pegawai=kantor.siti, jabatan=kantor.guru).aktif


def test_melebihi_formasi_tanpa_alasan_400(kantor):
    for i in (1, 2):
        tempatkan(
            PegawaiFactory(unit_kerja=kantor.p2p, tanggal_lahir=date(1988, 1, i)),
            kantor.epid,
            kantor.p2p,
        )
    client = klien(kantor.admin)
    resp = client.post("/api/v1/penempatan/", data_penempatan(kantor), format="json")
    assert resp.status_code == 400
    assert resp.json() == {
        "alasan": [
            "Formasi Epidemiolog Kesehatan Ahli Pertama di Bidang P2P sudah penuh (kebutuhan 2, "
            "terisi 2). Isi alasan bila penempatan tetap dilakukan."
        ]
    }
    resp = client.post(
        "/api/v1/penempatan/", data_penempatan(kantor, alasan="Wabah"), format="json"
    )
    assert resp.status_code == 201


@pytest.mark.parametrize(
    ("ubah", "field"),
    [
        ({"pegawai": "123"}, "pegawai"),
        ({"jabatan": "abc"}, "jabatan"),
        ({"jabatan": 99999}, "jabatan"),
        ({"jenis": "IMPOR"}, "jenis"),
        ({"tmt": "01-03-2024"}, "tmt"),
        ({"nomor_sk": ""}, "nomor_sk"),
        ({"unit_kerja": None}, "unit_kerja"),
    ],
)
def test_masukan_salah_400_pada_fieldnya(kantor, ubah, field):
    resp = klien(kantor.admin).post(
        "/api/v1/penempatan/", data_penempatan(kantor, **ubah), format="json"
    )
    assert resp.status_code == 400
    assert field in resp.json()


def test_operator_menempatkan_hanya_dalam_unitnya(kantor):
    client = klien(kantor.op_diskes)
    resp = client.post("/api/v1/penempatan/", data_penempatan(kantor), format="json")
    assert resp.status_code == 400  # Siti (disdik) is not theirs: "not found"
    assert resp.json()["pegawai"] == [
        f"Pegawai dengan NIP {kantor.siti.nip} tidak ditemukan atau di luar kewenangan Anda."
    ]
    lain = PegawaiFactory(unit_kerja=kantor.p2p, tanggal_lahir=date(1988, 1, 1))
    resp = client.post(
        "/api/v1/penempatan/",
        data_penempatan(kantor, pegawai=lain.nip, unit_kerja=kantor.disdik.pk),
        format="json",
    )
    assert resp.status_code == 400 and "unit_kerja" in resp.json()
    resp = client.post(
        "/api/v1/penempatan/", data_penempatan(kantor, pegawai=lain.nip), format="json"
    )
    assert resp.status_code == 201


def test_pegawai_tidak_boleh_menempatkan(kantor):
    resp = klien(kantor.siti.user).post(
        "/api/v1/penempatan/", data_penempatan(kantor), format="json"
    )
    assert resp.status_code == 403


def test_pegawai_melihat_riwayatnya_sendiri(kantor):
    tempatkan(kantor.siti, kantor.epid, kantor.p2p)
    client = klien(kantor.siti.user)
    rows = client.get("/api/v1/penempatan/").json()["results"]
    assert [(r["jabatan"]["kode"], r["aktif"]) for r in rows] == [("EPID", True), ("GURU", False)]
    lain = Penempatan.objects.get(pegawai=kantor.kepala_bidang)
    assert client.get(f"/api/v1/penempatan/{lain.pk}/").status_code == 404
    # The supervisor sees their subordinate's history too.
    atasan = klien(kantor.kepala_bidang.user).get(
        "/api/v1/penempatan/", {"pegawai": kantor.siti.nip}
    )
    assert len(atasan.json()["results"]) == 2


def test_kandidat_diurutkan_dengan_alasan(kantor):
    resp = klien(kantor.admin).get(
        f"/api/v1/jabatan/{kantor.epid.pk}/kandidat/", {"unit_kerja": kantor.p2p.pk}
    )
    assert resp.status_code == 200
    rows = resp.json()["results"]
    assert rows[0]["nip"] == kantor.siti.nip  # S1 Kesehatan Masyarakat, III/b
    assert [r["skor"] for r in rows] == sorted((r["skor"] for r in rows), reverse=True)
    assert {"nip", "nama", "skor", "alasan"} <= set(rows[0])
    assert rows[0]["alasan"][1].startswith("Pendidikan 100/100")


def test_kandidat_hanya_untuk_hr_dan_dalam_lingkupnya(kantor):
    url = f"/api/v1/jabatan/{kantor.epid.pk}/kandidat/"
    assert klien(kantor.siti.user).get(url).status_code == 403
    rows = klien(kantor.op_disdik).get(url).json()["results"]
    assert {r["nip"] for r in rows} == {kantor.siti.nip}
    resp = klien(kantor.op_disdik).get(url, {"unit_kerja": kantor.p2p.pk})
    assert resp.status_code == 400


def test_jabatan_cocok_untuk_diri_sendiri_dan_404_di_luar_lingkup(kantor):
    client = klien(kantor.siti.user)
    resp = client.get("/api/v1/jabatan/cocok/")
    assert resp.status_code == 200
    assert resp.json()["results"][0]["jabatan"]["kode"] == "EPID"
    assert client.get("/api/v1/jabatan/cocok/", {"pegawai": kantor.andi.nip}).status_code == 404


def test_skema_openapi_memuat_endpoint_jabatan(client, db):
    resp = client.get("/api/schema/")
    teks = resp.content.decode()
    for path in ("/api/v1/jabatan/{id}/kandidat/", "/api/v1/formasi/", "/api/v1/penempatan/"):
        assert path in teks


def _jumlah(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url, params or {})
        assert resp.status_code == 200
    return len(ctx)


def test_jumlah_query_daftar_tetap_1_dan_50(kantor):
    client = klien(kantor.admin)
    satu = {
        u: _jumlah(client, u)
        for u in ("/api/v1/jabatan/", "/api/v1/formasi/", "/api/v1/penempatan/")
    }
    for i in range(49):
        j = JabatanFactory()
        FormasiFactory(unit_kerja=kantor.p2p, jabatan=j, kebutuhan=2)
        p = PegawaiFactory(unit_kerja=kantor.p2p, tanggal_lahir=date(1980, 1, 1 + i % 28))
        tempatkan(p, j, kantor.p2p)
    banyak = {u: _jumlah(client, u) for u in satu}
    # jabatan: token+user, count, page, standards with competencies.
    # formasi: token+user, groups, operator, pegawai (scope), count, page with terisi.
    # penempatan: token+user, groups, operator, pegawai (scope), count, page with joins.
    assert banyak == satu


def test_daftar_penempatan_berkursor_terbaru_dulu_dan_dalam_lingkup(kantor):
    """A cursor list (issue 17): newest placement first, every visible row once walking
    forward and back, no count; an operator's walk never leaves their units."""
    from jabatan.selectors import penempatan_terlihat

    for i in range(5):
        p = PegawaiFactory(unit_kerja=kantor.p2p, tanggal_lahir=date(1985, 1, 1 + i))
        tempatkan(p, kantor.epid, kantor.p2p, alasan="Penugasan khusus uji kursor")
    for user in (kantor.admin, kantor.op_diskes):
        client = klien(user)
        harapan = list(penempatan_terlihat(user).order_by("-id").values_list("pk", flat=True))
        body = client.get("/api/v1/penempatan/", {"page_size": 2}).json()
        assert "count" not in body
        ids, terakhir = [r["id"] for r in body["results"]], body
        while body["next"]:
            body = client.get(body["next"]).json()
            terakhir = body
            ids += [r["id"] for r in body["results"]]
        assert ids == harapan and len(ids) >= 5
        mundur: list[int] = []
        while body["previous"]:
            body = client.get(body["previous"]).json()
            mundur = [r["id"] for r in body["results"]] + mundur
        assert mundur == ids[: len(ids) - len(terakhir["results"])]
    # The operator of Diskes never sees Disdik's placements.
    disdik = set(Penempatan.objects.filter(unit_kerja=kantor.disdik).values_list("pk", flat=True))
    rows = klien(kantor.op_diskes).get("/api/v1/penempatan/", {"page_size": 200}).json()
    assert disdik and not disdik & {r["id"] for r in rows["results"]}
    assert klien(kantor.admin).get("/api/v1/penempatan/", {"cursor": "rusak"}).status_code == 400
