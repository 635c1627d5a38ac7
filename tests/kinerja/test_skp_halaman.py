"""SKP pages: the employee drafts an SKP (RHK intervening the supervisor's, indicators per
aspect) and submits it; the pejabat penilai approves it with the BerAKHLAK expectations or
returns it with a note. Every message the user reads, and who may do what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.models import EkspektasiPerilaku, PerjanjianKinerja, Rhk, Skp
from tests.factories import PegawaiFactory
from tests.kinerja.factories import tambah_rhk

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def tahun() -> int:
    return timezone.localdate().year


@pytest.fixture
def baru(org):
    """A new staff member of the kabid without an SKP yet."""
    return PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid, nama="Dewi Lestari")


def _rhk_isian(org, **ubah) -> dict:
    data = {
        "jenis": "UTAMA",
        "uraian": "Tersusunnya laporan imunisasi",
        "rhk_atasan": org.rhk_kabid.pk,
        "indikator_KUANTITAS": "Jumlah laporan imunisasi",
        "target_KUANTITAS": "12",
        "satuan_KUANTITAS": "laporan",
        "indikator_KUALITAS": "",
        "target_KUALITAS": "",
        "satuan_KUALITAS": "",
        "indikator_WAKTU": "",
        "target_WAKTU": "",
        "satuan_WAKTU": "",
    }
    data.update(ubah)
    return data


def _draf(org, pegawai) -> Skp:
    c = masuk(pegawai.user)
    c.post("/kinerja/skp/buat/", {"tahun": tahun(), "pendekatan": "KUANTITATIF"})
    return Skp.objects.get(pegawai=pegawai, tahun=tahun())


def _diajukan(org, pegawai) -> Skp:
    skp = _draf(org, pegawai)
    c = masuk(pegawai.user)
    c.post(f"/kinerja/skp/{skp.pk}/rhk/", _rhk_isian(org))
    c.post(f"/kinerja/skp/{skp.pk}/ajukan/")
    skp.refresh_from_db()
    return skp


# --- Drafting -----------------------------------------------------------------------------------


def test_pegawai_membuat_draf_skp(org, baru):
    c = masuk(baru.user)
    html = c.get("/kinerja/skp/").content.decode()
    assert f"Belum ada SKP untuk tahun {tahun()}." in html
    assert f"Buat SKP {tahun()}" in html
    assert f"Pejabat penilai adalah atasan langsung Anda saat ini: {org.kabid.nama}" in html

    resp = c.post(
        "/kinerja/skp/buat/", {"tahun": tahun(), "pendekatan": "KUANTITATIF"}, follow=True
    )
    html = resp.content.decode()
    assert f"Draf SKP {tahun()} dibuat." in html
    assert 'class="badge status-draft">Draf<' in html
    assert "Tambah RHK" in html and "Ajukan ke Pejabat Penilai" in html
    skp = Skp.objects.get(pegawai=baru)
    assert (skp.status, skp.penilai) == ("DRAFT", org.kabid)

    resp = c.post(
        "/kinerja/skp/buat/", {"tahun": tahun(), "pendekatan": "KUANTITATIF"}, follow=True
    )
    assert f"SKP tahun {tahun()} untuk pegawai ini sudah ada." in resp.content.decode()


def test_tambah_rhk_mengintervensi_rhk_atasan(org, baru):
    skp = _draf(org, baru)
    c = masuk(baru.user)
    html = c.get(f"/kinerja/skp/{skp.pk}/rhk/").content.decode()
    # The supervisor's RHK is offered to intervene.
    assert f'<option value="{org.rhk_kabid.pk}">Utama: Menurunnya angka penyakit menular' in html
    assert "Indikator kuantitas" in html and "Target waktu" in html

    data = _rhk_isian(
        org,
        indikator_WAKTU="Laporan terkirim tiap tanggal 5",
        target_WAKTU="12",
        satuan_WAKTU="bulan",
    )
    resp = c.post(f"/kinerja/skp/{skp.pk}/rhk/", data, follow=True)
    html = resp.content.decode()
    assert "RHK ditambahkan ke SKP Anda." in html
    assert "Tersusunnya laporan imunisasi" in html
    assert "Kuantitas: Jumlah laporan imunisasi (12 laporan)" in html
    rhk = Rhk.objects.get(skp=skp)
    assert rhk.rhk_atasan == org.rhk_kabid
    assert sorted(rhk.indikator.values_list("aspek", flat=True)) == ["KUANTITAS", "WAKTU"]


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (
            {"indikator_KUANTITAS": "", "target_KUANTITAS": "", "satuan_KUANTITAS": ""},
            "Setiap RHK memerlukan paling sedikit satu indikator.",
        ),
        ({"target_KUANTITAS": ""}, "Isi target indikator kuantitas."),
        ({"satuan_KUANTITAS": ""}, "Isi satuan indikator kuantitas."),
        ({"target_KUALITAS": "90"}, "Isi uraian indikator kualitas."),
        (
            {"rhk_atasan": ""},
            "RHK utama harus mengintervensi satu RHK atasan "
            "(atau perjanjian kinerja unit bagi pimpinan unit).",
        ),
        ({"uraian": ""}, "Bidang ini harus diisi."),
    ],
)
def test_tambah_rhk_salah_dengan_pesan(org, baru, ubah, pesan):
    skp = _draf(org, baru)
    resp = masuk(baru.user).post(f"/kinerja/skp/{skp.pk}/rhk/", _rhk_isian(org, **ubah))
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert not Rhk.objects.filter(skp=skp).exists()


def test_rhk_atasan_lain_tidak_dapat_dipilih(org, baru):
    skp = _draf(org, baru)
    resp = masuk(baru.user).post(
        f"/kinerja/skp/{skp.pk}/rhk/", _rhk_isian(org, rhk_atasan=org.rhk_guru.pk)
    )
    assert "Pilih RHK dari SKP pejabat penilai Anda." in resp.content.decode()


def test_rhk_tambahan_tanpa_intervensi_boleh(org, baru):
    skp = _draf(org, baru)
    resp = masuk(baru.user).post(
        f"/kinerja/skp/{skp.pk}/rhk/",
        _rhk_isian(org, jenis="TAMBAHAN", rhk_atasan="", uraian="Panitia HUT Provinsi"),
    )
    assert resp.status_code == 302
    assert Rhk.objects.get(skp=skp).jenis == "TAMBAHAN"


def test_pimpinan_unit_memilih_perjanjian_kinerja(org):
    # The kabid has no supervisor: the unit's perjanjian kinerja is offered instead.
    kadis = PegawaiFactory(unit_kerja=org.diskes)
    pk = PerjanjianKinerja.objects.create(
        unit_kerja=org.diskes, tahun=tahun(), sasaran="Meningkatnya derajat kesehatan"
    )
    PerjanjianKinerja.objects.create(unit_kerja=org.disdik, tahun=tahun(), sasaran="Lain")
    skp = _draf(org, kadis)
    c = masuk(kadis.user)
    html = c.get(f"/kinerja/skp/{skp.pk}/rhk/").content.decode()
    assert "Pejabat penilai Anda belum memiliki SKP" in html
    assert "Dinas Kesehatan: Meningkatnya derajat kesehatan" in html
    assert "Lain</option>" not in html
    resp = c.post(
        f"/kinerja/skp/{skp.pk}/rhk/",
        _rhk_isian(org, rhk_atasan="", perjanjian_kinerja=pk.pk),
    )
    assert resp.status_code == 302
    assert Rhk.objects.get(skp=skp).perjanjian_kinerja == pk


@pytest.mark.parametrize("siapa", ["kabid", "staf2", "op_diskes"])
def test_hanya_pemilik_menyusun_rhk(org, baru, siapa):
    skp = _draf(org, baru)
    user = getattr(org, siapa)
    client = masuk(getattr(user, "user", user))
    assert client.get(f"/kinerja/skp/{skp.pk}/rhk/").status_code == 404
    assert client.post(f"/kinerja/skp/{skp.pk}/rhk/", _rhk_isian(org)).status_code == 404


def test_ajukan_tanpa_rhk_utama_ditolak(org, baru):
    skp = _draf(org, baru)
    resp = masuk(baru.user).post(f"/kinerja/skp/{skp.pk}/ajukan/", follow=True)
    assert "SKP memerlukan paling sedikit satu RHK utama." in resp.content.decode()
    skp.refresh_from_db()
    assert skp.status == "DRAFT"


def test_ajukan_skp(org, baru):
    skp = _draf(org, baru)
    c = masuk(baru.user)
    c.post(f"/kinerja/skp/{skp.pk}/rhk/", _rhk_isian(org))
    resp = c.post(f"/kinerja/skp/{skp.pk}/ajukan/", follow=True)
    html = resp.content.decode()
    assert f"SKP diajukan kepada {org.kabid.nama} untuk disetujui." in html
    assert f"SKP sedang diperiksa oleh {org.kabid.nama_lengkap}." in html
    assert "Tambah RHK" not in html
    # Nothing can be added any more.
    resp = c.get(f"/kinerja/skp/{skp.pk}/rhk/", follow=True)
    assert "SKP yang sudah diajukan atau disetujui tidak dapat diubah." in resp.content.decode()


# --- Decision by the pejabat penilai ------------------------------------------------------------


def test_atasan_melihat_skp_menunggu_lalu_menyetujui_dengan_ekspektasi(org, baru):
    skp = _diajukan(org, baru)
    c = masuk(org.kabid.user)
    html = c.get("/kinerja/antrian/").content.decode()
    assert f"Periksa SKP {tahun()} {baru.nama}" in html

    html = c.get(f"/kinerja/skp/{skp.pk}/").content.decode()
    assert "Persetujuan SKP" in html
    assert "Ekspektasi khusus: Akuntabel" in html
    assert "Memahami dan memenuhi kebutuhan masyarakat" in html  # the indicators as a hint

    resp = c.post(
        f"/kinerja/skp/{skp.pk}/setujui/",
        {"ekspektasi_AKUNTABEL": "Laporan imunisasi lengkap sebelum tanggal 5"},
        follow=True,
    )
    assert f"SKP {baru.nama} disetujui." in resp.content.decode()
    skp.refresh_from_db()
    assert skp.status == "DISETUJUI"
    assert EkspektasiPerilaku.objects.filter(skp=skp).count() == 7
    assert "Periksa SKP" not in c.get("/kinerja/antrian/").content.decode()

    html = masuk(baru.user).get("/kinerja/skp/").content.decode()
    assert ">Disetujui<" in html
    assert "Laporan imunisasi lengkap sebelum tanggal 5" in html


def test_atasan_mengembalikan_dengan_catatan_lalu_pegawai_mengajukan_ulang(org, baru):
    skp = _diajukan(org, baru)
    c = masuk(org.kabid.user)
    resp = c.post(f"/kinerja/skp/{skp.pk}/kembalikan/", {"catatan": ""}, follow=True)
    assert "Catatan wajib diisi saat mengembalikan SKP." in resp.content.decode()

    resp = c.post(
        f"/kinerja/skp/{skp.pk}/kembalikan/",
        {"catatan": "Tambahkan indikator kualitas"},
        follow=True,
    )
    assert f"SKP {baru.nama} dikembalikan dengan catatan." in resp.content.decode()

    pegawai = masuk(baru.user)
    html = pegawai.get("/kinerja/skp/").content.decode()
    assert "Dikembalikan oleh pejabat penilai:</strong> Tambahkan indikator kualitas" in html
    assert "Tambah RHK" in html
    pegawai.post(
        f"/kinerja/skp/{skp.pk}/rhk/",
        _rhk_isian(org, uraian="Terlaksananya validasi data", indikator_KUALITAS="Akurasi",
                   target_KUALITAS="95", satuan_KUALITAS="%"),
    )  # fmt: skip
    pegawai.post(f"/kinerja/skp/{skp.pk}/ajukan/")
    skp.refresh_from_db()
    assert skp.status == "DIAJUKAN"


@pytest.mark.parametrize("siapa", ["kabid2", "guru", "op_disdik", "staf2", "op_diskes"])
def test_hanya_pejabat_penilai_yang_memutuskan(org, baru, siapa):
    skp = _diajukan(org, baru)
    user = getattr(org, siapa)
    client = masuk(getattr(user, "user", user))
    detail = client.get(f"/kinerja/skp/{skp.pk}/")
    if siapa == "op_diskes":
        # The unit's operator sees the SKP, with no decision to make on it.
        assert detail.status_code == 200
        assert "Persetujuan SKP" not in detail.content.decode()
    else:
        assert detail.status_code == 404
    assert client.post(f"/kinerja/skp/{skp.pk}/setujui/", {}).status_code == 404
    assert client.post(f"/kinerja/skp/{skp.pk}/kembalikan/", {"catatan": "x"}).status_code == 404
    skp.refresh_from_db()
    assert skp.status == "DIAJUKAN"


def test_pemilik_tidak_dapat_menyetujui_sendiri(org, baru):
    skp = _diajukan(org, baru)
    assert masuk(baru.user).post(f"/kinerja/skp/{skp.pk}/setujui/", {}).status_code == 403
    skp.refresh_from_db()
    assert skp.status == "DIAJUKAN"


def test_pemilik_membuka_skp_sendiri_diarahkan_ke_halamannya(org):
    skp = Skp.objects.get(pegawai=org.staf1)
    resp = masuk(org.staf1.user).get(f"/kinerja/skp/{skp.pk}/")
    assert resp.status_code == 302
    assert resp["Location"] == f"/kinerja/skp/?tahun={skp.tahun}"


def test_antrian_jumlah_kueri_tetap_dengan_skp_menunggu(org):
    def tambah(n):
        for _ in range(n):
            p = PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid)
            s = Skp.objects.create(
                pegawai=p, tahun=tahun(), penilai=org.kabid, unit_kerja=org.diskes,
                status="DIAJUKAN", diajukan_pada=timezone.now(),
            )  # fmt: skip
            tambah_rhk(s, uraian="RHK", rhk_atasan=org.rhk_kabid)

    client = masuk(org.kabid.user)
    tambah(1)
    with CaptureQueriesContext(connection) as satu:
        assert client.get("/kinerja/antrian/").status_code == 200
    tambah(49)
    with CaptureQueriesContext(connection) as lima_puluh:
        html = client.get("/kinerja/antrian/").content.decode()
    assert html.count("Periksa SKP") == 50
    # session, user, the access scope, the waiting reports (pegawai and RHK joined), the
    # waiting SKPs (pegawai joined): none per row.
    assert len(satu) == len(lima_puluh)
