"""Daily reports through the API: every filing rule with its message, approval rights,
bulk approval, correction, scoping and flat query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kinerja.models import LaporanHarian, StatusLaporan
from tests.factories import PegawaiFactory
from tests.kinerja.factories import lapor, skp_disetujui

pytestmark = pytest.mark.django_db

URL = "/api/v1/kinerja/laporan-harian/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def klien(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def hari_ini():
    return timezone.localdate()


def isian(org, **ubah):
    data = {
        "tanggal": hari_ini().isoformat(),
        "rhk": org.rhk1.pk,
        "uraian": "Menyusun laporan surveilans DBD",
        "kuantitas": "2",
        "satuan": "laporan",
        "jam_mulai": "08:00",
        "jam_selesai": "10:30",
    }
    data.update(ubah)
    return data


# --- Filing -------------------------------------------------------------------------------


def test_isi_laporan_201_diajukan(org):
    resp = klien(org.staf1.user).post(URL, isian(org), format="json")

    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["status"] == "DIAJUKAN"
    assert body["menit"] == 150
    assert body["jam_mulai"] == "08:00"
    laporan = LaporanHarian.objects.get(pk=body["id"])
    assert laporan.pegawai == org.staf1


def test_isi_laporan_dengan_bukti_png(org):
    data = isian(org, bukti=SimpleUploadedFile("foto.png", PNG, content_type="image/png"))
    resp = klien(org.staf1.user).post(URL, data, format="multipart")

    assert resp.status_code == 201, resp.content
    assert LaporanHarian.objects.get(pk=resp.json()["id"]).bukti.name.endswith(".png")


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        (
            {"tanggal": "BESOK"},
            "tanggal",
            "Tanggal laporan tidak boleh di masa depan.",
        ),
        (
            {"tanggal": "ENAM_HARI_LALU"},
            "tanggal",
            "Laporan hanya dapat diisi untuk hari ini dan 5 hari sebelumnya (paling awal ",
        ),
        (
            {"jam_mulai": "10:00", "jam_selesai": "09:00"},
            "jam_selesai",
            "Jam selesai harus setelah jam mulai.",
        ),
        (
            {"jam_mulai": "09:00", "jam_selesai": "09:00"},
            "jam_selesai",
            "Jam selesai harus setelah jam mulai.",
        ),
        (
            {"kuantitas": "0"},
            "kuantitas",
            "Kuantitas output harus lebih dari 0.",
        ),
    ],
)
def test_aturan_tanggal_jam_kuantitas(org, ubah, field, pesan):
    ganti = {
        "BESOK": hari_ini() + timedelta(days=1),
        "ENAM_HARI_LALU": hari_ini() - timedelta(days=6),
    }
    if "tanggal" in ubah:
        ubah = {"tanggal": ganti[ubah["tanggal"]].isoformat()}
    resp = klien(org.staf1.user).post(URL, isian(org, **ubah), format="json")

    assert resp.status_code == 400
    assert resp.json()[field][0].startswith(pesan)
    assert not LaporanHarian.objects.exists()


def test_lima_hari_lalu_masih_boleh(org):
    tanggal = hari_ini() - timedelta(days=5)
    resp = klien(org.staf1.user).post(URL, isian(org, tanggal=tanggal.isoformat()), format="json")
    assert resp.status_code == 201, resp.content


def test_jendela_lapor_dapat_diatur(org, settings):
    settings.KINERJA_JENDELA_LAPOR_HARI = 1
    tanggal = hari_ini() - timedelta(days=2)
    resp = klien(org.staf1.user).post(URL, isian(org, tanggal=tanggal.isoformat()), format="json")
    assert resp.status_code == 400
    assert "hari ini dan 1 hari sebelumnya" in resp.json()["tanggal"][0]


def test_jam_bertumpang_tindih(org):
    lapor(org.staf1, org.rhk1, hari_ini(), "09:00", "11:00")
    resp = klien(org.staf1.user).post(
        URL, isian(org, jam_mulai="10:30", jam_selesai="12:00"), format="json"
    )

    assert resp.status_code == 400
    assert resp.json()["jam_mulai"] == [
        "Waktu 10:30–12:00 bertumpang tindih dengan laporan lain pada tanggal yang sama "
        "(09:00–11:00)."
    ]


def test_jam_bersambung_tidak_bertumpang_tindih(org):
    lapor(org.staf1, org.rhk1, hari_ini(), "07:00", "08:00")
    resp = klien(org.staf1.user).post(
        URL, isian(org, jam_mulai="08:00", jam_selesai="09:00"), format="json"
    )
    assert resp.status_code == 201, resp.content


def test_laporan_orang_lain_tidak_menghalangi(org):
    lapor(org.staf2, org.rhk2, hari_ini(), "08:00", "11:00")
    assert klien(org.staf1.user).post(URL, isian(org), format="json").status_code == 201


def test_rhk_bukan_dari_skp_sendiri(org):
    resp = klien(org.staf1.user).post(URL, isian(org, rhk=org.rhk2.pk), format="json")

    assert resp.status_code == 400
    assert resp.json()["rhk"] == [
        f"RHK tidak termasuk SKP Anda yang disetujui untuk tahun {hari_ini().year}."
    ]


def test_rhk_dari_skp_yang_belum_disetujui(org):
    org.rhk1.skp.status = "DIAJUKAN"
    org.rhk1.skp.save()
    resp = klien(org.staf1.user).post(URL, isian(org), format="json")
    assert resp.status_code == 400
    assert "rhk" in resp.json()


def test_rhk_tidak_ada(org):
    resp = klien(org.staf1.user).post(URL, isian(org, rhk=999999), format="json")
    assert resp.status_code == 400
    assert resp.json()["rhk"] == ["RHK 999999 tidak ditemukan."]


def test_bukti_terlalu_besar(org, settings):
    settings.KINERJA_BUKTI_MAKS_MB = 1
    besar = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10))
    resp = klien(org.staf1.user).post(URL, isian(org, bukti=besar), format="multipart")

    assert resp.status_code == 400
    assert resp.json()["bukti"] == ["Ukuran bukti dukung paling besar 1 MB (berkas ini 1,0 MB)."]


@pytest.mark.parametrize(
    ("nama", "isi"),
    [
        ("foto.gif", b"GIF89a" + b"\x00" * 20),
        ("surat.pdf", b"MZ\x90\x00 not a pdf"),
        ("a.exe", PNG),
    ],
)
def test_bukti_jenis_salah(org, nama, isi):
    resp = klien(org.staf1.user).post(
        URL, isian(org, bukti=SimpleUploadedFile(nama, isi)), format="multipart"
    )
    assert resp.status_code == 400
    assert resp.json()["bukti"] == ["Bukti dukung harus berkas PDF, JPEG atau PNG."]


@pytest.mark.parametrize(
    "rusak",
    [{"tanggal": "kemarin"}, {"jam_mulai": "25:00"}, {"kuantitas": "banyak"}, {"rhk": "x"}],
)
def test_masukan_rusak_400_bukan_500(org, rusak):
    resp = klien(org.staf1.user).post(URL, isian(org, **rusak), format="json")
    assert resp.status_code == 400
    assert set(rusak) <= set(resp.json())


def test_akun_tanpa_pegawai_tidak_bisa_melapor(org):
    resp = klien(org.op_diskes).post(URL, isian(org), format="json")
    assert resp.status_code == 403
    assert resp.json()["detail"] == "Akun ini tidak terhubung dengan data pegawai."


# --- Approval -------------------------------------------------------------------------------


def test_atasan_langsung_menyetujui_lalu_terkunci(org):
    laporan = lapor(org.staf1, org.rhk1, hari_ini())
    resp = klien(org.kabid.user).post(f"{URL}{laporan.pk}/setujui/", {"catatan": "Bagus"})

    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == "DISETUJUI"
    # The employee can no longer change it.
    resp = klien(org.staf1.user).patch(f"{URL}{laporan.pk}/", {"uraian": "Ubah"}, format="json")
    assert resp.status_code == 400
    assert resp.json()["status"] == ["Laporan yang sudah disetujui tidak dapat diubah."]
    # Nor can it be decided again.
    resp = klien(org.kabid.user).post(f"{URL}{laporan.pk}/kembalikan/", {"catatan": "x"})
    assert resp.json()["status"] == ["Laporan ini sudah disetujui dan terkunci."]


def test_kembalikan_wajib_catatan_lalu_diperbaiki_dan_diajukan_ulang(org):
    laporan = lapor(org.staf1, org.rhk1, hari_ini())
    kabid = klien(org.kabid.user)

    resp = kabid.post(f"{URL}{laporan.pk}/kembalikan/", {"catatan": ""})
    assert resp.status_code == 400
    assert resp.json()["catatan"] == ["Catatan wajib diisi."]

    resp = kabid.post(f"{URL}{laporan.pk}/kembalikan/", {"catatan": "Lampirkan daftar hadir"})
    assert resp.json()["status"] == "DIKEMBALIKAN"
    assert resp.json()["catatan_atasan"] == "Lampirkan daftar hadir"

    resp = klien(org.staf1.user).patch(
        f"{URL}{laporan.pk}/", {"uraian": "Dengan daftar hadir", "kuantitas": "3"}, format="json"
    )
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == "DIAJUKAN"
    assert resp.json()["uraian"] == "Dengan daftar hadir"


def test_perbaikan_tetap_memeriksa_tumpang_tindih(org):
    lapor(org.staf1, org.rhk1, hari_ini(), "13:00", "14:00")
    laporan = lapor(org.staf1, org.rhk1, hari_ini(), "08:00", "09:00", status="DIKEMBALIKAN")
    resp = klien(org.staf1.user).patch(
        f"{URL}{laporan.pk}/", {"jam_selesai": "13:30"}, format="json"
    )
    assert resp.status_code == 400
    assert "bertumpang tindih" in resp.json()["jam_mulai"][0]


@pytest.mark.parametrize(
    ("siapa", "kode"),
    [
        ("staf1", 403),  # own report: visible, but nobody approves themselves
        ("op_diskes", 403),  # the unit's operator sees it but is not the supervisor
        ("admin", 403),  # HR sees everything but approves nothing
        ("staf2", 404),  # a colleague does not even see it
        ("kabid2", 404),  # another supervisor
        ("guru", 404),  # another unit
        ("op_disdik", 404),  # another unit's operator
    ],
)
def test_hak_menyetujui(org, siapa, kode):
    laporan = lapor(org.staf1, org.rhk1, hari_ini())
    user = getattr(org, siapa)
    user = getattr(user, "user", user)

    for aksi, data in (("setujui", {}), ("kembalikan", {"catatan": "Kurang lengkap"})):
        resp = klien(user).post(f"{URL}{laporan.pk}/{aksi}/", data)
        assert resp.status_code == kode, resp.content
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN


def test_setujui_massal_hanya_bawahan_langsung(org):
    milik_bawahan = [
        lapor(org.staf1, org.rhk1, hari_ini(), f"0{j}:00", f"0{j}:30") for j in range(7, 10)
    ]
    milik_bawahan.append(lapor(org.staf2, org.rhk2, hari_ini()))
    sudah = lapor(org.staf2, org.rhk2, hari_ini(), "13:00", "14:00", status="DIKEMBALIKAN")
    lain = lapor(org.guru, org.rhk_guru, hari_ini())
    ids = [x.pk for x in milik_bawahan] + [sudah.pk, lain.pk]

    resp = klien(org.kabid.user).post(f"{URL}setujui-massal/", {"ids": ids}, format="json")

    assert resp.json() == {"disetujui": 4}
    assert set(LaporanHarian.objects.filter(status="DISETUJUI").values_list("pk", flat=True)) == {
        x.pk for x in milik_bawahan
    }
    lain.refresh_from_db()
    sudah.refresh_from_db()
    assert (lain.status, sudah.status) == ("DIAJUKAN", "DIKEMBALIKAN")


def test_setujui_massal_kosong(org):
    resp = klien(org.kabid.user).post(f"{URL}setujui-massal/", {"ids": []}, format="json")
    assert resp.status_code == 400
    assert "ids" in resp.json()


# --- Scope ----------------------------------------------------------------------------------


def _ids(resp) -> set[int]:
    assert resp.status_code == 200, resp.content
    return {r["id"] for r in resp.json()["results"]}


def test_cakupan_daftar_laporan(org):
    a = lapor(org.staf1, org.rhk1, hari_ini())
    b = lapor(org.staf2, org.rhk2, hari_ini())
    c = lapor(org.kabid, org.rhk_kabid, hari_ini())
    d = lapor(org.guru, org.rhk_guru, hari_ini())

    assert _ids(klien(org.staf1.user).get(URL)) == {a.pk}
    assert _ids(klien(org.kabid.user).get(URL)) == {a.pk, b.pk, c.pk}
    assert _ids(klien(org.kabid2.user).get(URL)) == {d.pk}
    assert _ids(klien(org.op_diskes).get(URL)) == {a.pk, b.pk, c.pk}
    assert _ids(klien(org.op_disdik).get(URL)) == {d.pk}
    assert _ids(klien(org.admin).get(URL)) == {a.pk, b.pk, c.pk, d.pk}
    assert klien(org.staf1.user).get(f"{URL}{b.pk}/").status_code == 404
    assert klien(org.staf1.user).get(f"{URL}{c.pk}/").status_code == 404
    assert APIClient().get(URL).status_code == 401


def test_filter_daftar_laporan(org):
    kemarin = hari_ini() - timedelta(days=1)
    a = lapor(org.staf1, org.rhk1, kemarin)
    b = lapor(org.staf1, org.rhk1, hari_ini(), status="DISETUJUI")
    c = lapor(org.staf2, org.rhk2, hari_ini())
    client = klien(org.kabid.user)

    assert _ids(client.get(URL, {"tanggal_mulai": hari_ini()})) == {b.pk, c.pk}
    assert _ids(client.get(URL, {"tanggal_selesai": kemarin})) == {a.pk}
    assert _ids(client.get(URL, {"status": "DISETUJUI"})) == {b.pk}
    assert _ids(client.get(URL, {"pegawai": org.staf2.nip})) == {c.pk}
    assert _ids(client.get(URL, {"pegawai": org.guru.nip})) == set()
    assert client.get(URL, {"tanggal_mulai": "kemarin"}).status_code == 400


def test_antrian_atasan(org):
    a = lapor(org.staf1, org.rhk1, hari_ini())
    lapor(org.staf1, org.rhk1, hari_ini(), "13:00", "14:00", status="DISETUJUI")
    lapor(org.kabid, org.rhk_kabid, hari_ini())
    assert _ids(klien(org.kabid.user).get(f"{URL}antrian/")) == {a.pk}
    assert _ids(klien(org.staf1.user).get(f"{URL}antrian/")) == set()


def _banyak_bawahan(org, n):
    for _ in range(n):
        p = PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid)
        rhk = skp_disetujui(p, rhk_atasan=org.rhk_kabid).rhk.get()
        lapor(p, rhk, hari_ini())


@pytest.mark.parametrize("jalur", [URL, f"{URL}antrian/"])
def test_jumlah_query_tetap(org, jalur):
    client = klien(org.kabid.user)
    _banyak_bawahan(org, 1)
    with CaptureQueriesContext(connection) as satu:
        assert len(client.get(jalur).json()["results"]) == 1
    _banyak_bawahan(org, 49)
    with CaptureQueriesContext(connection) as lima_puluh:
        assert len(client.get(jalur).json()["results"]) == 50

    # token+user, then akses_untuk: Admin BKD group, operator, pegawai and has-subordinates
    # in one query; count (the queue only: the report list is a cursor list, issue 17); the
    # page with pegawai and rhk joined.
    assert len(satu) == len(lima_puluh) == (4 if "antrian" in jalur else 3)


def test_isi_laporan_satu_transaksi_pendek(org):
    client = klien(org.staf1.user)
    client.get(URL)  # warm the token
    with CaptureQueriesContext(connection) as ctx:
        assert client.post(URL, isian(org), format="json").status_code == 201
    tulis = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    # One insert: the report. Around it: token+user, the RHK with its SKP and indicators and
    # the filer's own active employee record in one read (the RHK-in-approved-SKP rule and
    # the indicator are decided on those rows), savepoint, release. On PostgreSQL the
    # exclusion constraint decides the overlap at the INSERT; SQLite adds the per-employee
    # lock and the overlap check.
    assert len(tulis) == 1
    assert len(ctx) == (5 if connection.vendor == "postgresql" else 7)
