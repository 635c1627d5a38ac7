"""The pegawai API: /me/, /unit-kerja/, /pegawai/ (scope, NIK masking, writes), the schema."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pegawai.models import Pegawai, UnitKerja
from pegawai.rules import samarkan_nik
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, buat_nik, operator

pytestmark = pytest.mark.django_db

URL = "/api/v1/pegawai/"


def klien(user: User) -> APIClient:
    """A client signed in with a token, as the mobile app is."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def nip_list(resp) -> set[str]:
    assert resp.status_code == 200, resp.content
    return {row["nip"] for row in resp.json()["results"]}


@dataclass
class Org:
    diskes: UnitKerja
    yankes: UnitKerja  # sub-unit of diskes
    disdik: UnitKerja
    kabid: Pegawai  # diskes, supervisor of staf1 and staf2
    staf1: Pegawai  # yankes, supervisor of cucu
    staf2: Pegawai  # diskes
    cucu: Pegawai  # yankes, staf1's subordinate (kabid's indirect one)
    guru: Pegawai  # disdik
    admin: User
    op_diskes: User
    op_yankes: User
    op_disdik: User


@pytest.fixture
def org() -> Org:
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan", singkatan="Diskes")
    yankes = UnitKerjaFactory(kode="DISKES-YANKES", nama="Bidang Pelayanan", parent=diskes)
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    kabid = PegawaiFactory(unit_kerja=diskes, nama="Kepala Bidang", nama_jabatan="Kepala Bidang")
    staf1 = PegawaiFactory(unit_kerja=yankes, atasan=kabid, email="staf1@example.go.id")
    staf2 = PegawaiFactory(unit_kerja=diskes, atasan=kabid)
    cucu = PegawaiFactory(unit_kerja=yankes, atasan=staf1)
    guru = PegawaiFactory(unit_kerja=disdik)
    return Org(
        diskes=diskes,
        yankes=yankes,
        disdik=disdik,
        kabid=kabid,
        staf1=staf1,
        staf2=staf2,
        cucu=cucu,
        guru=guru,
        admin=admin_bkd(),
        op_diskes=operator(diskes),
        op_yankes=operator(yankes),
        op_disdik=operator(disdik),
    )


# --- /me/ -----------------------------------------------------------------------------------


def test_me_pegawai(org):
    resp = klien(org.staf1.user).get("/api/v1/me/")

    assert resp.status_code == 200
    data = resp.json()
    assert data["nip"] == org.staf1.nip
    assert data["nama"] == org.staf1.nama
    assert data["nama_lengkap"] == org.staf1.nama_lengkap
    assert data["unit_kerja"] == {"id": org.yankes.pk, "nama": "Bidang Pelayanan"}
    assert data["atasan"] == {"nip": org.kabid.nip, "nama": "Kepala Bidang"}
    assert data["roles"] == ["atasan", "pegawai"]


def test_me_atasan_tanpa_atasan(org):
    data = klien(org.kabid.user).get("/api/v1/me/").json()

    assert data["jabatan"] == "Kepala Bidang"
    assert data["atasan"] is None
    assert data["roles"] == ["atasan", "pegawai"]


def test_me_pegawai_tanpa_bawahan(org):
    assert klien(org.staf2.user).get("/api/v1/me/").json()["roles"] == ["pegawai"]


def test_me_operator_tanpa_data_pegawai(org):
    data = klien(org.op_diskes).get("/api/v1/me/").json()

    assert data["nip"] is None
    assert data["nama"] == "operator.diskes"
    assert data["unit_kerja"] is None
    assert data["unit_operator"] == {"id": org.diskes.pk, "nama": "Dinas Kesehatan"}
    assert data["roles"] == ["operator_opd"]


def test_me_admin(org):
    data = klien(org.admin).get("/api/v1/me/").json()

    assert data["nip"] is None
    assert data["roles"] == ["admin_bkd"]


# --- /unit-kerja/ ---------------------------------------------------------------------------


def test_unit_kerja_untuk_semua_pengguna(org):
    resp = klien(org.guru.user).get("/api/v1/unit-kerja/")

    assert resp.status_code == 200
    data = resp.json()
    assert data["count"] == 3
    assert {"next", "previous"} <= set(data)
    baris = {row["kode"]: row for row in data["results"]}
    assert baris["DISKES-YANKES"] == {
        "id": org.yankes.pk,
        "kode": "DISKES-YANKES",
        "nama": "Bidang Pelayanan",
        "singkatan": "",
        "parent": org.diskes.pk,
    }
    assert baris["DISKES"]["parent"] is None


@pytest.mark.parametrize(
    ("q", "kode"),
    [("pelayanan", {"DISKES-YANKES"}), ("diskes", {"DISKES", "DISKES-YANKES"}), ("xyz", set())],
)
def test_unit_kerja_cari(org, q, kode):
    resp = klien(org.guru.user).get("/api/v1/unit-kerja/", {"q": q})

    assert {row["kode"] for row in resp.json()["results"]} == kode


def test_unit_kerja_jumlah_query_tetap():
    user = admin_bkd()
    client = klien(user)
    UnitKerjaFactory()
    with CaptureQueriesContext(connection) as satu:
        assert client.get("/api/v1/unit-kerja/").json()["count"] == 1
    UnitKerjaFactory.create_batch(49)
    with CaptureQueriesContext(connection) as lima_puluh:
        assert len(client.get("/api/v1/unit-kerja/").json()["results"]) == 50

    # 1 token + user, 2 count, 3 the page.
    assert len(satu) == len(lima_puluh) == 3


# --- /pegawai/: who sees whom ---------------------------------------------------------------


def test_pegawai_melihat_diri_dan_bawahan_langsung_saja(org):
    client = klien(org.kabid.user)

    assert nip_list(client.get(URL)) == {org.kabid.nip, org.staf1.nip, org.staf2.nip}
    assert client.get(f"{URL}{org.staf1.nip}/").status_code == 200
    assert client.get(f"{URL}{org.cucu.nip}/").status_code == 404
    assert client.get(f"{URL}{org.guru.nip}/").status_code == 404


def test_pegawai_lain_hanya_melihat_dirinya(org):
    client = klien(org.staf2.user)

    assert nip_list(client.get(URL)) == {org.staf2.nip}
    assert client.get(f"{URL}{org.staf1.nip}/").status_code == 404
    # Not even their own supervisor's record.
    assert client.get(f"{URL}{org.kabid.nip}/").status_code == 404


def test_nip_tidak_ada_404(org):
    assert klien(org.admin).get(f"{URL}199912312020121999/").status_code == 404


def test_operator_unit_lain_tidak_mendapat_apa_pun(org):
    client = klien(org.op_disdik)

    assert nip_list(client.get(URL)) == {org.guru.nip}
    assert nip_list(client.get(URL, {"unit_kerja": org.diskes.pk})) == set()
    assert client.get(f"{URL}{org.kabid.nip}/").status_code == 404
    resp = client.patch(f"{URL}{org.kabid.nip}/", {"no_hp": "08123"}, format="json")
    assert resp.status_code == 404


def test_operator_melihat_sub_unit(org):
    semua_diskes = {org.kabid.nip, org.staf1.nip, org.staf2.nip, org.cucu.nip}
    assert nip_list(klien(org.op_diskes).get(URL)) == semua_diskes
    # The operator of the sub-unit sees only the sub-unit.
    assert nip_list(klien(org.op_yankes).get(URL)) == {org.staf1.nip, org.cucu.nip}


def test_admin_melihat_semua(org):
    assert len(nip_list(klien(org.admin).get(URL))) == 5


# --- /pegawai/: fields and filters ----------------------------------------------------------


def test_bidang_data_pegawai(org):
    resp = klien(org.admin).get(f"{URL}{org.staf1.nip}/")

    data = resp.json()
    p = org.staf1
    assert data["nip"] == p.nip
    assert data["jenis_kelamin"] == p.jenis_kelamin
    assert data["tanggal_lahir"] == p.tanggal_lahir.isoformat()
    assert data["status_kepegawaian"] == "PNS"
    assert data["golongan"] == "III/b"
    assert data["pangkat"] == "Penata Muda Tingkat I"
    assert data["unit_kerja"] == {
        "id": org.yankes.pk,
        "kode": "DISKES-YANKES",
        "nama": p.unit_kerja.nama,
    }
    assert data["atasan"] == {"nip": org.kabid.nip, "nama": "Kepala Bidang"}
    assert data["email"] == "staf1@example.go.id"
    assert data["aktif"] is True


def test_urut_nama_lalu_nip(org):
    nama = [row["nama"] for row in klien(org.admin).get(URL).json()["results"]]

    assert nama == sorted(nama)


@pytest.mark.parametrize(
    ("param", "harapan"),
    [
        ({"unit_kerja": "diskes"}, {"kabid", "staf1", "staf2", "cucu"}),
        ({"unit_kerja": "yankes"}, {"staf1", "cucu"}),
        ({"q": "kepala"}, {"kabid"}),
        ({"status_kepegawaian": "PPPK"}, {"pppk"}),
        ({"golongan": "IX"}, {"pppk"}),
        ({"aktif": "false"}, {"pensiun"}),
    ],
)
def test_filter_pegawai(org, param, harapan):
    pppk = PegawaiFactory(unit_kerja=org.disdik, pppk=True)
    pensiun = PegawaiFactory(unit_kerja=org.disdik, aktif=False)
    nama = {"pppk": pppk, "pensiun": pensiun, **vars(org)}
    if "unit_kerja" in param:
        param = {"unit_kerja": nama[param["unit_kerja"]].pk}

    resp = klien(org.admin).get(URL, param)

    assert nip_list(resp) == {nama[n].nip for n in harapan}


def test_filter_awalan_nip_boleh_berspasi(org):
    nip = org.staf1.nip
    client = klien(org.admin)

    assert org.staf1.nip in nip_list(client.get(URL, {"q": nip}))
    assert nip_list(client.get(URL, {"q": f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"})) == {nip}


@pytest.mark.parametrize("unit", ["abc", "999999"])
def test_filter_unit_tidak_dikenal_400(org, unit):
    resp = klien(org.admin).get(URL, {"unit_kerja": unit})

    # A malformed filter is the caller's error, never a 500 (API.md).
    assert resp.status_code == 400
    assert "unit_kerja" in resp.json()


@pytest.mark.parametrize("pemanggil", ["admin", "op_diskes", "op_yankes"])
def test_nik_utuh_untuk_admin_dan_operator_unitnya(org, pemanggil):
    user = getattr(org, pemanggil)

    data = klien(user).get(f"{URL}{org.staf1.nip}/").json()

    assert data["nik"] == org.staf1.nik


@pytest.mark.parametrize("pemanggil", ["staf1", "kabid"])
def test_nik_disamarkan_untuk_pegawai_dan_atasan(org, pemanggil):
    user = getattr(org, pemanggil).user

    data = klien(user).get(f"{URL}{org.staf1.nip}/").json()

    assert data["nik"] == samarkan_nik(org.staf1.nik)
    assert data["nik"] != org.staf1.nik
    assert data["nik"][:4] == org.staf1.nik[:4] and "*" in data["nik"]
    # Contact details are shown to whoever may see the record.
    assert data["email"] == "staf1@example.go.id"


def test_nik_disamarkan_juga_di_daftar(org):
    rows = klien(org.kabid.user).get(URL).json()["results"]

    assert all("*" in row["nik"] for row in rows)


@pytest.mark.parametrize("peran", ["admin", "operator"])
def test_pegawai_jumlah_query_tetap(peran):
    unit = UnitKerjaFactory()
    user = admin_bkd() if peran == "admin" else operator(unit)
    client = klien(user)
    kepala = PegawaiFactory(unit_kerja=unit)
    with CaptureQueriesContext(connection) as satu:
        assert len(client.get(URL).json()["results"]) == 1
    PegawaiFactory.create_batch(49, unit_kerja=unit, atasan=kepala)
    with CaptureQueriesContext(connection) as lima_puluh:
        assert len(client.get(URL).json()["results"]) == 50

    # 1 token + user; 2 the caller's roles (Admin BKD group, operator unit, own pegawai
    # record and subordinates, in one query); 3 the page with unit kerja, atasan and account
    # joined (a cursor list: no count). NIK masking reuses the roles resolved in 2.
    assert len(satu) == len(lima_puluh) == 3


# --- POST /pegawai/ -------------------------------------------------------------------------


def data_baru(unit: UnitKerja, **ubah) -> dict:
    """A consistent new PNS: born 1990-01-01, male, TMT CPNS 2015-03."""
    data = {
        "nip": "199001012015031001",
        "nama": "Andi Saputra",
        "gelar_belakang": "S.Kom.",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1990-01-01",
        "status_kepegawaian": "PNS",
        "golongan": "III/a",
        "unit_kerja": unit.pk,
        "jabatan": "Pranata Komputer",
        "nik": buat_nik(date(1990, 1, 1), "L", urutan=77),
        "email": "andi@example.go.id",
    }
    data.update(ubah)
    return data


def test_operator_menambah_pns(org):
    data = data_baru(org.yankes, nip="19900101 201503 1 001", atasan=org.staf1.nip)

    resp = klien(org.op_diskes).post(URL, data, format="json")

    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert body["nip"] == "199001012015031001"
    assert body["nama_lengkap"] == "Andi Saputra, S.Kom."
    assert body["unit_kerja"]["id"] == org.yankes.pk
    assert body["atasan"] == {"nip": org.staf1.nip, "nama": org.staf1.nama}
    assert body["jabatan"] == "Pranata Komputer"
    assert body["nik"] == data["nik"]
    baru = Pegawai.objects.get(nip="199001012015031001")
    assert baru.history.earliest().history_user == org.op_diskes
    # The new employee can now be found and can log in by NIP (an account is created).
    assert baru.user.username == baru.nip
    assert klien(org.op_diskes).get(f"{URL}{baru.nip}/").status_code == 200


def test_admin_menambah_pppk(org):
    data = data_baru(
        org.disdik,
        nip="199205052017211001",
        tanggal_lahir="1992-05-05",
        status_kepegawaian="PPPK",
        golongan="IX",
        nik="",
    )

    resp = klien(org.admin).post(URL, data, format="json")

    assert resp.status_code == 201, resp.json()
    assert resp.json()["status_kepegawaian"] == "PPPK"
    assert resp.json()["pangkat"] == ""
    assert Pegawai.objects.get(nip="199205052017211001").golongan == "IX"


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"nip": "19900101201503100"}, "NIP harus 18 digit"),
        ({"nip": "19900101201503100A"}, "hanya boleh berisi angka"),
        ({"nip": "199002302015031001"}, "bukan tanggal lahir yang valid"),
        ({"nip": "199001012015131001"}, "bukan bulan TMT yang valid"),
        ({"nip": "199001012015033001"}, "Digit ke-15"),
        ({"tanggal_lahir": "1990-01-02"}, "NIP menunjukkan tanggal lahir 01-01-1990"),
        ({"jenis_kelamin": "P", "nik": ""}, "NIP menunjukkan jenis kelamin laki-laki"),
        ({"nip": "199001012015211001"}, "NIP berformat PPPK"),
    ],
    ids=["panjang", "angka", "tanggal", "bulan", "kelamin-digit", "lahir", "kelamin", "pppk"],
)
def test_nip_tidak_valid_400(org, ubah, pesan):
    resp = klien(org.admin).post(URL, data_baru(org.diskes, **ubah), format="json")

    assert resp.status_code == 400
    assert "nip" in resp.json()
    assert any(pesan in m for m in resp.json()["nip"]), resp.json()
    assert not Pegawai.objects.filter(nama="Andi Saputra").exists()


def test_nip_sudah_terdaftar_400(org):
    nip = org.guru.nip
    data = data_baru(org.diskes, nip=f"{nip[:8]} {nip[8:]}")

    resp = klien(org.admin).post(URL, data, format="json")

    assert resp.status_code == 400
    assert resp.json()["nip"] == ["NIP sudah terdaftar."]


def test_nik_sudah_terdaftar_400(org):
    resp = klien(org.admin).post(URL, data_baru(org.diskes, nik=org.guru.nik), format="json")

    assert resp.status_code == 400
    assert resp.json()["nik"] == ["NIK sudah terdaftar."]


@pytest.mark.parametrize(
    "ubah",
    [
        {"golongan": "IX"},  # a PPPK golongan for a PNS
        {
            "nip": "199001012015211001",
            "status_kepegawaian": "PPPK",
            "golongan": "III/a",  # a PNS golongan for a PPPK
        },
    ],
)
def test_golongan_tidak_sesuai_status_400(org, ubah):
    resp = klien(org.admin).post(URL, data_baru(org.diskes, **ubah), format="json")

    assert resp.status_code == 400
    assert set(resp.json()) == {"golongan"}
    assert "tidak valid" in resp.json()["golongan"][0]


@pytest.mark.parametrize(("pemanggil", "unit"), [("op_disdik", "diskes"), ("op_yankes", "diskes")])
def test_operator_menambah_di_unit_lain_400(org, pemanggil, unit):
    data = data_baru(getattr(org, unit))

    resp = klien(getattr(org, pemanggil)).post(URL, data, format="json")

    assert resp.status_code == 400
    assert "unit_kerja" in resp.json()
    assert not Pegawai.objects.filter(nip=data["nip"]).exists()


@pytest.mark.parametrize("pemanggil", ["staf2", "kabid"])
def test_pegawai_tidak_boleh_menambah_403(org, pemanggil):
    resp = klien(getattr(org, pemanggil).user).post(URL, data_baru(org.diskes), format="json")

    assert resp.status_code == 403
    assert resp.json() == {"detail": "Anda tidak berwenang mengubah data pegawai."}
    assert not Pegawai.objects.filter(nama="Andi Saputra").exists()


def test_data_rusak_400_bukan_500(org):
    client = klien(org.admin)

    resp = client.post(URL, {"nip": ["x"], "tanggal_lahir": "kemarin"}, format="json")

    assert resp.status_code == 400
    assert {"nip", "tanggal_lahir", "nama", "unit_kerja"} <= set(resp.json())


# --- PATCH /pegawai/{nip}/ ------------------------------------------------------------------


def test_patch_tercatat_di_riwayat(org):
    sebelum = org.staf1.history.count()

    resp = klien(org.op_diskes).patch(
        f"{URL}{org.staf1.nip}/", {"no_hp": "081234567890"}, format="json"
    )

    assert resp.status_code == 200, resp.json()
    assert resp.json()["no_hp"] == "081234567890"
    org.staf1.refresh_from_db()
    assert org.staf1.no_hp == "081234567890"
    assert org.staf1.history.count() == sebelum + 1
    terakhir = org.staf1.history.latest()
    assert terakhir.history_user == org.op_diskes
    assert terakhir.no_hp == "081234567890"


def test_patch_atasan_dengan_nip(org):
    nip = org.staf2.nip

    resp = klien(org.op_diskes).patch(
        f"{URL}{org.cucu.nip}/", {"atasan": f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"}
    )

    assert resp.status_code == 200, resp.json()
    assert resp.json()["atasan"] == {"nip": nip, "nama": org.staf2.nama}
    org.cucu.refresh_from_db()
    assert org.cucu.atasan == org.staf2
    # The new supervisor now sees the record; the old one no longer does.
    assert klien(org.staf2.user).get(f"{URL}{org.cucu.nip}/").status_code == 200
    assert klien(org.staf1.user).get(f"{URL}{org.cucu.nip}/").status_code == 404


def test_patch_atasan_dikosongkan(org):
    resp = klien(org.admin).patch(f"{URL}{org.staf1.nip}/", {"atasan": None}, format="json")

    assert resp.status_code == 200
    assert resp.json()["atasan"] is None


# An unknown NIP and one outside the operator's scope get the same answer: no leak.
@pytest.mark.parametrize("atasan", ["tidak-ada", "guru"])
def test_patch_atasan_tidak_dikenal_400(org, atasan):
    nip = org.guru.nip if atasan == "guru" else "199912312020121999"

    resp = klien(org.op_diskes).patch(f"{URL}{org.staf1.nip}/", {"atasan": nip}, format="json")

    assert resp.status_code == 400
    assert resp.json() == {"atasan": [f"Pegawai dengan NIP {nip} tidak ditemukan."]}


def test_patch_atasan_diri_sendiri_400(org):
    resp = klien(org.admin).patch(
        f"{URL}{org.staf1.nip}/", {"atasan": org.staf1.nip}, format="json"
    )

    assert resp.status_code == 400
    assert "atasan" in resp.json()


def test_nip_tidak_dapat_diubah(org):
    resp = klien(org.admin).patch(
        f"{URL}{org.staf1.nip}/", {"nip": "199001012015031001"}, format="json"
    )

    assert resp.status_code == 400
    assert resp.json() == {"nip": ["NIP tidak dapat diubah."]}
    assert Pegawai.objects.filter(pk=org.staf1.pk, nip=org.staf1.nip).exists()


def test_patch_tanggal_lahir_bertentangan_dengan_nip_400(org):
    resp = klien(org.admin).patch(
        f"{URL}{org.staf1.nip}/", {"tanggal_lahir": "1950-06-15"}, format="json"
    )

    assert resp.status_code == 400
    assert "nip" in resp.json()


def test_operator_memindah_ke_unit_lain_400(org):
    resp = klien(org.op_diskes).patch(
        f"{URL}{org.staf1.nip}/", {"unit_kerja": org.disdik.pk}, format="json"
    )

    assert resp.status_code == 400
    assert "unit_kerja" in resp.json()
    org.staf1.refresh_from_db()
    assert org.staf1.unit_kerja == org.yankes


@pytest.mark.parametrize(
    ("pemanggil", "sasaran"), [("staf2", "staf2"), ("kabid", "staf1"), ("kabid", "kabid")]
)
def test_patch_terlihat_tetapi_tidak_dikelola_403(org, pemanggil, sasaran):
    p = getattr(org, sasaran)

    resp = klien(getattr(org, pemanggil).user).patch(
        f"{URL}{p.nip}/", {"no_hp": "0800"}, format="json"
    )

    assert resp.status_code == 403
    p.refresh_from_db()
    assert p.no_hp == ""


@pytest.mark.parametrize(("pemanggil", "sasaran"), [("staf2", "staf1"), ("op_yankes", "kabid")])
def test_patch_di_luar_cakupan_404(org, pemanggil, sasaran):
    user = getattr(org, pemanggil)
    user = user.user if isinstance(user, Pegawai) else user

    resp = klien(user).patch(f"{URL}{getattr(org, sasaran).nip}/", {"no_hp": "0800"}, format="json")

    assert resp.status_code == 404


def test_put_dan_delete_tidak_tersedia(org):
    client = klien(org.admin)
    url = f"{URL}{org.staf1.nip}/"

    assert client.put(url, data_baru(org.yankes), format="json").status_code == 405
    assert client.delete(url).status_code == 405
    assert Pegawai.objects.filter(pk=org.staf1.pk).exists()


# --- OpenAPI --------------------------------------------------------------------------------


def test_schema_memuat_endpoint_pegawai(org):
    resp = APIClient().get("/api/schema/", {"format": "json"})

    assert resp.status_code == 200
    paths = resp.json()["paths"]
    for p in [
        "/api/v1/auth/token/",
        "/api/v1/me/",
        "/api/v1/unit-kerja/",
        "/api/v1/pegawai/",
        "/api/v1/pegawai/{nip}/",
    ]:
        assert p in paths
    assert set(paths["/api/v1/pegawai/{nip}/"]) == {"get", "patch"}


def test_schema_endpoint_pegawai_tanpa_peringatan():
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/v1/", include("pegawai.api_urls"))])
    with GENERATOR_STATS.silence():
        schema = generator.get_schema(request=None, public=True)

    assert "/api/v1/pegawai/{nip}/" in schema["paths"]
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache


def test_dokumentasi_api_tanpa_cdn():
    resp = APIClient().get("/api/docs/")

    assert resp.status_code == 200
    html = resp.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "cdn.jsdelivr.net" not in html
