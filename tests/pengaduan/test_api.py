"""The pengaduan API (API.md): public filing/tracking/survey, the staff part in scope, the
IKM, rate limits (also across processes through Redis) and flat query counts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pengaduan import rules
from pengaduan.models import Pengaduan, Status, SurveiKepuasan
from tests.factories import PegawaiFactory

from .factories import PNG, PengaduanFactory, SurveiFactory, klien

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
URL = "/api/v1/pengaduan/"
BARU = {"jenis": "PENGADUAN", "judul": "Jalan rusak", "isi": "Di depan kantor dinas."}


def kode_daftar(resp) -> set[str]:
    assert resp.status_code == 200, resp.content
    return {row["kode"] for row in resp.json()["results"]}


# --- Public -----------------------------------------------------------------------------------


def test_kirim_tanpa_login_mendapat_kode(org):
    resp = klien().post(
        URL, {**BARU, "unit_kerja": org.diskes.pk, "email": "a@example.com"}, format="json"
    )
    assert resp.status_code == 201
    data = resp.json()
    assert set(data) == {"kode", "status"} and data["status"] == "DITERIMA"
    assert len(data["kode"]) >= 8 and rules.kode_sah(data["kode"])
    assert Pengaduan.objects.get().kode == data["kode"]


def test_kirim_dengan_lampiran_multipart(org):
    resp = klien().post(
        URL, {**BARU, "lampiran": SimpleUploadedFile("x.png", PNG)}, format="multipart"
    )
    assert resp.status_code == 201
    assert Pengaduan.objects.get().lampiran_jenis == "png"
    resp = klien().post(
        URL, {**BARU, "lampiran": SimpleUploadedFile("x.png", b"bukan gambar")}, format="multipart"
    )
    assert resp.status_code == 400
    assert resp.json() == {"lampiran": ["Lampiran harus berupa gambar JPEG/PNG atau dokumen PDF."]}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**BARU, "jenis": "SPAM"}, "jenis"),
        ({**BARU, "judul": "x" * 151}, "judul"),
        ({**BARU, "isi": "x" * 4001}, "isi"),
        ({**BARU, "unit_kerja": 999999}, "unit_kerja"),
        ({**BARU, "unit_kerja": "abc"}, "unit_kerja"),
        ({**BARU, "telepon": "<script>"}, "telepon"),
        ({**BARU, "situs_web": "spam"}, "non_field_errors"),
        ({"judul": "x"}, "jenis"),
    ],
)
def test_masukan_salah_400_dengan_nama_field(org, data, field):
    resp = klien().post(URL, data, format="json")
    assert resp.status_code == 400
    assert field in resp.json()
    assert not Pengaduan.objects.exists()


@pytest.mark.parametrize("badan", ["[1, 2]", '"teks"', "{bukan json", "null"])
def test_badan_rusak_400_bukan_500(org, badan):
    resp = klien().post(URL, badan, content_type="application/json")
    assert resp.status_code == 400


def test_lacak_api(org):
    p = PengaduanFactory(unit_kerja=org.diskes)
    data = klien().get(f"{URL}lacak/{p.kode.lower()}/").json()
    assert data["kode"] == p.kode and data["status"] == "DITERIMA" and data["tanggapan"] == []
    assert data["dibuat"].endswith("+07:00")
    assert klien().get(f"{URL}lacak/ABCDEFGH22/").status_code == 404
    assert klien().get(f"{URL}lacak/pendek/").status_code == 404


def test_nilai_dan_buka_ulang_api(org):
    p = PengaduanFactory(unit_kerja=org.diskes, status=Status.SELESAI, batas_waktu=None)
    assert klien().post(f"{URL}lacak/{p.kode}/nilai/", {"nilai": 9}).status_code == 400
    resp = klien().post(f"{URL}lacak/{p.kode}/nilai/", {"nilai": 4}, format="json")
    assert resp.status_code == 200 and resp.json()["penilaian"] == 4
    resp = klien().post(f"{URL}lacak/{p.kode}/buka-ulang/", {"alasan": "Belum"}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "DIVERIFIKASI"
    resp = klien().post(f"{URL}lacak/{p.kode}/buka-ulang/", {"alasan": "Lagi"}, format="json")
    assert resp.status_code == 400 and "alasan" in resp.json()


# --- Staff: scope -------------------------------------------------------------------------------


@pytest.fixture
def tiga(org):
    return {
        "diskes": PengaduanFactory(unit_kerja=org.diskes),
        "yankes": PengaduanFactory(unit_kerja=org.yankes),
        "disdik": PengaduanFactory(unit_kerja=org.disdik),
        "kosong": PengaduanFactory(unit_kerja=None),
    }


def test_daftar_staf_sesuai_kewenangan(org, tiga):
    k = {n: p.kode for n, p in tiga.items()}
    assert kode_daftar(klien(org.admin).get(URL)) == set(k.values())
    assert kode_daftar(klien(org.op_diskes).get(URL)) == {k["diskes"], k["yankes"]}
    assert kode_daftar(klien(org.op_yankes).get(URL)) == {k["yankes"]}
    assert kode_daftar(klien(org.op_disdik).get(URL)) == {k["disdik"]}
    assert kode_daftar(klien(org.staf.user).get(URL)) == set()
    assert klien().get(URL).status_code == 401


def test_daftar_staf_berisi_kontak_dan_saringan(org, tiga):
    rows = klien(org.op_yankes).get(URL).json()["results"]
    assert rows[0]["email"] == "warga@example.com" and rows[0]["telepon"] == "081234567890"
    Pengaduan.objects.filter(pk=tiga["diskes"].pk).update(status=Status.SELESAI)
    assert kode_daftar(klien(org.admin).get(URL, {"status": "SELESAI"})) == {tiga["diskes"].kode}
    Pengaduan.objects.filter(pk=tiga["yankes"].pk).update(batas_waktu="2020-01-01")
    assert kode_daftar(klien(org.admin).get(URL, {"terlambat": "1"})) == {tiga["yankes"].kode}


def test_saringan_unit_kerja_hanya_unit_itu_sendiri(org, tiga):
    k = {n: p.kode for n, p in tiga.items()}
    admin = klien(org.admin)
    assert kode_daftar(admin.get(URL, {"unit_kerja": org.diskes.pk})) == {k["diskes"]}
    assert kode_daftar(admin.get(URL, {"unit_kerja": org.yankes.pk})) == {k["yankes"]}
    # A unit that exists but lies outside the caller's scope narrows to nothing, never widens.
    assert kode_daftar(klien(org.op_yankes).get(URL, {"unit_kerja": org.disdik.pk})) == set()


@pytest.mark.parametrize("nilai", ["abc", "1.5", "-1", "999999"])
def test_saringan_unit_kerja_tidak_dikenal_400_menyebut_kolomnya(org, tiga, nilai):
    resp = klien(org.admin).get(URL, {"unit_kerja": nilai})
    assert resp.status_code == 400
    assert list(resp.json()) == ["unit_kerja"]


def test_saringan_unit_kerja_kosong_berarti_semua(org, tiga):
    k = {p.kode for p in tiga.values()}
    assert kode_daftar(klien(org.admin).get(URL, {"unit_kerja": ""})) == k


@pytest.mark.parametrize("siapa", ["op_disdik", "op_yankes", "staf", "kabid"])
def test_di_luar_kewenangan_404(org, tiga, siapa):
    user = getattr(org, siapa)
    user = getattr(user, "user", user)
    p = tiga["diskes"]
    assert klien(user).get(f"{URL}{p.kode}/").status_code == 404
    resp = klien(user).post(f"{URL}{p.kode}/tanggapan/", {"isi": "x"}, format="json")
    assert resp.status_code == 404
    assert not p.tanggapan.exists()


def test_tanggapan_api_memindahkan_status(org, tiga):
    p = tiga["diskes"]
    url = f"{URL}{p.kode}/tanggapan/"
    resp = klien(org.op_diskes).post(url, {"isi": "x", "status": "SELESAI"}, format="json")
    assert resp.status_code == 400
    assert resp.json() == {"status": ["Status tidak dapat diubah dari Diterima menjadi Selesai."]}

    resp = klien(org.op_diskes).post(
        url,
        {
            "isi": "Diteruskan.",
            "status": "DIVERIFIKASI",
            "unit_kerja": org.yankes.pk,
            "pegawai": org.staf.nip,
        },
        format="json",
    )
    assert resp.status_code == 201, resp.content
    assert resp.json()["status_sesudah"] == "DIVERIFIKASI"
    p.refresh_from_db()
    assert (p.status, p.unit_kerja, p.pegawai_terkait) == (
        Status.DIVERIFIKASI,
        org.yankes,
        org.staf,
    )
    # Now the sub-unit's operator handles it.
    resp = klien(org.op_yankes).post(
        url, {"isi": "Sudah diperbaiki.", "status": "DITINDAKLANJUTI"}, format="json"
    )
    assert resp.status_code == 201
    lacak = klien().get(f"{URL}lacak/{p.kode}/").json()
    assert lacak["status"] == "DITINDAKLANJUTI"
    assert [t["isi"] for t in lacak["tanggapan"]] == ["Diteruskan.", "Sudah diperbaiki."]


def test_jumlah_query_daftar_staf_tetap(org):
    PengaduanFactory(unit_kerja=org.diskes, pegawai_terkait=org.staf)

    def hitung() -> int:
        # A fresh user object: the access scope caches its roles on it.
        client = klien(User.objects.get(pk=org.admin.pk))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    satu = hitung()
    PengaduanFactory.create_batch(49, unit_kerja=org.yankes, pegawai_terkait=org.staf)
    # 1 the access scope (every role in one query); 2 count; 3 the page with unit and named
    # employee joined. None per row.
    assert hitung() == satu == 3


# --- Survey and IKM -----------------------------------------------------------------------------

JAWABAN = [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 2, 4, 3, 4, 4, 3, 2], [3, 2, 3, 4, 3, 3, 4, 2, 3]]


def test_survei_dan_ikm_api(org):
    for baris in JAWABAN:
        data = {"unit_kerja": org.yankes.pk, **{f"u{i}": v for i, v in enumerate(baris, 1)}}
        assert klien().post("/api/v1/survei-kepuasan/", data, format="json").status_code == 201
    resp = klien().post(
        "/api/v1/survei-kepuasan/",
        {"unit_kerja": org.yankes.pk, **{f"u{i}": 3 for i in range(1, 9)}, "u9": 5},
        format="json",
    )
    assert resp.status_code == 400 and resp.json() == {
        "u9": ["Nilai Sarana dan prasarana harus 1 sampai 4."]
    }

    data = klien().get("/api/v1/survei-kepuasan/ikm/", {"unit_kerja": org.diskes.pk}).json()
    assert data["responden"] == 3
    assert data["ikm"] == 78.7 and data["mutu"] == "B"
    assert data["nrr"] == [3.333, 2.667, 2.667, 4.0, 3.0, 3.333, 4.0, 2.667, 2.667]
    kosong = klien().get("/api/v1/survei-kepuasan/ikm/", {"unit_kerja": org.disdik.pk}).json()
    assert kosong["responden"] == 0 and kosong["ikm"] is None
    assert klien().get("/api/v1/survei-kepuasan/ikm/", {"tahun": "x"}).status_code == 400


def test_ikm_per_tahun(org):
    s = SurveiFactory(unit_kerja=org.diskes)
    SurveiKepuasan.objects.filter(pk=s.pk).update(dibuat="2024-06-01T10:00:00+07:00")
    SurveiFactory(unit_kerja=org.diskes, **{f"u{i}": 4 for i in range(1, 10)})
    url = "/api/v1/survei-kepuasan/ikm/"
    assert klien().get(url, {"unit_kerja": org.diskes.pk, "tahun": 2024}).json()["ikm"] == 75.0
    assert klien().get(url, {"unit_kerja": org.diskes.pk}).json()["ikm"] == 100.0


# --- Rate limits ------------------------------------------------------------------------------


def test_batas_laju_api_n_boleh_n_plus_1_ditolak(org, settings):
    settings.PENGADUAN_BATAS_LAJU = {"pengaduan": (3, 3600), "survei": (1, 3600)}
    client = klien(alamat="192.0.2.50")
    assert client.post(URL, {"jenis": "PENGADUAN"}, format="json").status_code == 400
    hasil = [client.post(URL, BARU, format="json").status_code for _ in range(4)]
    assert hasil == [201, 201, 201, 429]
    resp = client.post(URL, BARU, format="json")
    assert resp.json() == {
        "detail": "Terlalu banyak kiriman dari alamat Anda. Silakan coba lagi dalam 60 menit."
    }
    assert 3590 <= int(resp["Retry-After"]) <= 3600
    assert Pengaduan.objects.count() == 3
    assert klien(alamat="192.0.2.51").post(URL, BARU, format="json").status_code == 201
    # Survey answers have their own limit.
    survei = {"unit_kerja": org.diskes.pk, **{f"u{i}": 3 for i in range(1, 10)}}
    assert client.post("/api/v1/survei-kepuasan/", survei, format="json").status_code == 201
    assert client.post("/api/v1/survei-kepuasan/", survei, format="json").status_code == 429


SKRIP_LAJU = """
import sys, django
django.setup()
from inti import laju
boleh = laju.catat("pengaduan:pengaduan", sys.argv[1], jumlah=5, jendela=3600)
print("boleh" if boleh else "ditolak")
"""


def _proses_lain(alamat: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "asn_hr.settings"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    out = subprocess.run(
        [sys.executable, "-c", SKRIP_LAJU, alamat],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.strip().splitlines()[-1]


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="REDIS_URL tidak diset: tanpa Redis cache-nya lokal per proses, batas laju "
    "antarproses hanya dapat diuji dengan Redis",
)
def test_batas_laju_dibagi_antarproses_lewat_redis(org, settings):
    # The limit of accepted complaints: another worker process counts in the same Redis.
    settings.PENGADUAN_BATAS_LAJU = {"pengaduan": (5, 3600)}
    batas = 5
    alamat = "192.0.2.77"
    client = klien(alamat=alamat)
    for _ in range(batas - 1):
        assert client.post(URL, BARU, format="json").status_code == 201
    assert _proses_lain(alamat) == "boleh"  # the N-th request, from another process
    assert client.post(URL, BARU, format="json").status_code == 429  # N+1 here
    assert _proses_lain(alamat) == "ditolak"  # and there
    assert Pengaduan.objects.count() == batas - 1


def test_skema_openapi_memuat_jalur_pengaduan(client):
    resp = client.get("/api/schema/")
    teks = resp.content.decode()
    for jalur in (
        "/api/v1/pengaduan/",
        "/api/v1/pengaduan/lacak/{kode}/",
        "/api/v1/pengaduan/{kode}/tanggapan/",
        "/api/v1/survei-kepuasan/",
        "/api/v1/survei-kepuasan/ikm/",
    ):
        assert jalur in teks


def test_pegawai_nonaktif_tidak_bisa_dipilih_staf(org, tiga):
    keluar = PegawaiFactory(unit_kerja=org.disdik)
    resp = klien(org.op_diskes).post(
        f"{URL}{tiga['diskes'].kode}/tanggapan/", {"isi": "x", "pegawai": keluar.nip}, format="json"
    )
    assert resp.status_code == 400 and "pegawai" in resp.json()
