"""The public pages as a citizen uses them: file, track, rate, reopen, the survey; and what
they must never show or accept."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pengaduan.models import Pengaduan, Status, SurveiKepuasan
from pengaduan.services import pengaduan_tanggapi

from .factories import JPEG, PDF, PNG, PengaduanFactory

pytestmark = pytest.mark.django_db

URL_AJUKAN = reverse("pengaduan:ajukan")
SKRIP = '<script>alert("xss")</script>'
SKRIP_AMAN = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"


def warga(alamat: str = "203.0.113.5") -> Client:
    return Client(REMOTE_ADDR=alamat)


def data_laporan(**kwargs) -> dict:
    return {"jenis": "PENGADUAN", "judul": "Loket tutup", "isi": "Loket tutup jam 10.", **kwargs}


def test_warga_mengirim_laporan_dan_mendapat_kode(org):
    client = warga()
    halaman = client.get(URL_AJUKAN).content.decode()
    for label in ("Judul", "Isi laporan", "Kirim sebagai anonim", "Rahasiakan identitas saya"):
        assert label in halaman
    assert "tidak diketahui siapa pun" in halaman  # anonymity explained in plain words

    resp = client.post(
        URL_AJUKAN, data_laporan(unit_kerja=org.diskes.pk, email="w@example.com"), follow=True
    )

    p = Pengaduan.objects.get()
    assert resp.redirect_chain[-1][0] == reverse("pengaduan:lacak", args=[p.kode])
    html = resp.content.decode()
    assert f"Simpan kode pelacakan {p.kode}" in html
    assert "Diterima" in html and "Loket tutup" in html


def test_honeypot_terisi_ditolak(org):
    resp = warga().post(URL_AJUKAN, data_laporan(situs_web="http://spam.example"))
    assert resp.status_code == 200
    assert "Formulir tidak dapat diproses" in resp.content.decode()
    assert not Pengaduan.objects.exists()


def test_csrf_wajib_di_halaman(org):
    resp = Client(enforce_csrf_checks=True).post(URL_AJUKAN, data_laporan())
    assert resp.status_code == 403
    assert not Pengaduan.objects.exists()


@pytest.mark.parametrize(
    ("isi", "nama", "jenis"), [(JPEG, "a.jpg", "jpg"), (PNG, "b.png", "png"), (PDF, "c.pdf", "pdf")]
)
def test_lampiran_yang_sah_disimpan(org, isi, nama, jenis):
    berkas = SimpleUploadedFile(nama, isi, content_type="application/octet-stream")
    resp = warga().post(URL_AJUKAN, data_laporan(lampiran=berkas))
    assert resp.status_code == 302
    p = Pengaduan.objects.get()
    assert p.lampiran_jenis == jenis
    assert p.lampiran.name.endswith(f"{p.kode}.{jenis}")  # the citizen's file name is dropped


@pytest.mark.parametrize(
    ("isi", "nama"),
    [
        (b"<html><script>alert(1)</script></html>", "foto.jpg"),  # name says JPEG, content not
        (b"MZ\x90\x00 executable", "surat.pdf"),
        (b"GIF89a\x01\x00", "gambar.png"),
    ],
)
def test_lampiran_diperiksa_dari_isinya(org, isi, nama):
    berkas = SimpleUploadedFile(nama, isi, content_type="image/jpeg")
    resp = warga().post(URL_AJUKAN, data_laporan(lampiran=berkas))
    assert resp.status_code == 200
    assert "Lampiran harus berupa gambar JPEG/PNG atau dokumen PDF." in resp.content.decode()
    assert not Pengaduan.objects.exists()


def test_lampiran_terlalu_besar(org, settings):
    settings.PENGADUAN_LAMPIRAN_MAKS = 1024 * 1024
    berkas = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")
    resp = warga().post(URL_AJUKAN, data_laporan(lampiran=berkas))
    assert "Lampiran terlalu besar: paling besar 1 MB." in resp.content.decode()
    assert not Pengaduan.objects.exists()


def test_lampiran_salah_ditolak_saat_tiba_dan_isian_lain_tetap(org, settings):
    """The guard skips the file while it streams in; the complaint is never filed without it."""
    settings.PENGADUAN_LAMPIRAN_MAKS = 1024 * 1024
    # One byte over the limit: refused; exactly at the limit: accepted.
    lebih = SimpleUploadedFile("besar.jpg", JPEG + b"0" * (1024 * 1024 - len(JPEG) + 1))
    resp = warga().post(URL_AJUKAN, data_laporan(isi="Isi yang saya ketik", lampiran=lebih))
    html = resp.content.decode()
    assert resp.status_code == 200 and "Lampiran terlalu besar: paling besar 1 MB." in html
    assert "Isi yang saya ketik" in html
    assert not Pengaduan.objects.exists()
    pas = SimpleUploadedFile("pas.jpg", JPEG + b"0" * (1024 * 1024 - len(JPEG)))
    assert warga().post(URL_AJUKAN, data_laporan(lampiran=pas)).status_code == 302
    assert Pengaduan.objects.get().lampiran_jenis == "jpg"


def test_formulir_memberi_batas_lampiran_ke_peramban(org, settings):
    settings.PENGADUAN_LAMPIRAN_MAKS = 3 * 1024 * 1024
    html = warga().get(URL_AJUKAN).content.decode()
    assert 'data-maks-byte="3145728"' in html and "paling besar 3 MB" in html
    assert "pengaduan/ajukan.js" in html and "<script>" not in html


def test_anonim_tidak_menyimpan_kontak_apa_pun(org, mailoutbox):
    resp = warga().post(
        URL_AJUKAN,
        data_laporan(anonim="on", nama="Budi", email="budi@example.com", telepon="0812345"),
        follow=True,
    )
    p = Pengaduan.objects.get()
    assert (p.nama, p.email, p.telepon, p.anonim) == ("", "", "", True)
    assert mailoutbox == []
    assert "kode ini satu-satunya cara mengikuti laporan Anda" in resp.content.decode()


def test_anonim_lewat_api_juga_tanpa_kontak(org):
    from rest_framework.test import APIClient

    resp = APIClient(REMOTE_ADDR="203.0.113.40").post(
        "/api/v1/pengaduan/",
        {**data_laporan(), "anonim": True, "email": "a@example.com", "telepon": "0812"},
        format="json",
    )
    assert resp.status_code == 201
    assert Pengaduan.objects.values_list("email", "telepon").get() == ("", "")


def test_rahasia_tetap_menyimpan_kontak_untuk_petugas(org):
    warga().post(URL_AJUKAN, data_laporan(rahasia="on", nama="Sri", email="sri@example.com"))
    p = Pengaduan.objects.get()
    assert (p.nama, p.email, p.rahasia) == ("Sri", "sri@example.com", True)


def test_halaman_publik_memakai_kaki_untuk_warga(org):
    p = PengaduanFactory()
    for url in (
        reverse("pengaduan:beranda"),
        URL_AJUKAN,
        reverse("pengaduan:survei"),
        reverse("pengaduan:ikm"),
        reverse("pengaduan:lacak", args=[p.kode]),
    ):
        html = warga().get(url).content.decode()
        assert "Layanan Pengaduan Masyarakat" in html, url
        assert "Gunakan hanya untuk keperluan dinas" not in html, url


def test_lacak_menyebut_lampiran_diterima(org):
    warga().post(URL_AJUKAN, data_laporan(lampiran=SimpleUploadedFile("a.png", PNG)))
    p = Pengaduan.objects.get()
    assert "Lampiran</dt><dd>Diterima (foto PNG)" in lacak(p.kode)
    tanpa = PengaduanFactory()
    assert "Lampiran</dt>" not in lacak(tanpa.kode)


def test_batas_panjang_di_formulir(org):
    resp = warga().post(URL_AJUKAN, data_laporan(judul="x" * 151, isi="y" * 4001))
    html = resp.content.decode()
    assert "paling banyak 150 karakter" in html or "150" in html
    assert "4000" in html
    assert not Pengaduan.objects.exists()


# --- Tracking: nothing private ----------------------------------------------------------------


def lacak(kode: str, client: Client | None = None) -> str:
    resp = (client or warga()).get(reverse("pengaduan:lacak", args=[kode]))
    assert resp.status_code == 200
    return resp.content.decode()


@pytest.mark.parametrize(("anonim", "rahasia"), [(True, False), (False, True), (True, True)])
def test_halaman_lacak_tidak_membocorkan_apa_pun(org, anonim, rahasia):
    p = PengaduanFactory(
        unit_kerja=org.diskes,
        nama="" if anonim else "Siti Pelapor",
        email="" if anonim else "siti.pelapor@example.com",
        telepon="" if anonim else "0812 9999 8888",
        anonim=anonim,
        rahasia=rahasia,
        pegawai_disebut="Pak Joko di loket",
    )
    pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="Catatan INTERNAL rahasia", publik=False)
    pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="Tanggapan untuk warga")

    html = lacak(p.kode)
    assert "Tanggapan untuk warga" in html
    for bocor in (
        "Siti Pelapor",
        "siti.pelapor@example.com",
        "0812 9999 8888",
        "Catatan INTERNAL",
        "Pak Joko",
        org.admin.username,
    ):
        assert bocor not in html
    assert ("Anonim" if anonim else "Dirahasiakan") in html

    data = warga().get(f"/api/v1/pengaduan/lacak/{p.kode}/").json()
    teks = str(data)
    for bocor in ("Siti Pelapor", "siti.pelapor@example.com", "0812 9999 8888", "INTERNAL"):
        assert bocor not in teks
    assert not {"nama", "email", "telepon", "pegawai_disebut"} & set(data)
    assert [t["isi"] for t in data["tanggapan"]] == ["Tanggapan untuk warga"]


def test_nama_pelapor_terbuka_tampil_tapi_kontak_tidak(org):
    p = PengaduanFactory(nama="Budi Terbuka", email="budi@example.com", telepon="0811111111")
    html = lacak(p.kode)
    assert "Budi Terbuka" in html
    assert "budi@example.com" not in html and "0811111111" not in html


def test_kode_tidak_dikenal_404_lalu_429(org, settings):
    settings.PENGADUAN_BATAS_LAJU = {"lacak-gagal": (3, 3600)}
    p = PengaduanFactory()
    client = warga()
    for _ in range(3):
        assert client.get(reverse("pengaduan:lacak", args=["ABCDEFGH23"])).status_code == 404
    resp = client.get(reverse("pengaduan:lacak", args=[p.kode]))
    assert resp.status_code == 429
    assert "Terlalu banyak permintaan" in resp.content.decode()
    # Another address is not affected.
    assert warga("203.0.113.99").get(reverse("pengaduan:lacak", args=[p.kode])).status_code == 200


def test_lacak_memaafkan_huruf_kecil_dan_spasi(org):
    p = PengaduanFactory()
    kode = f" {p.kode[:5].lower()} {p.kode[5:]} "
    resp = warga().get(reverse("pengaduan:lacak-cari"), {"kode": kode})
    assert resp.status_code == 302 and resp["Location"].endswith(f"/lacak/{p.kode}/")


def test_nilai_dan_buka_ulang_di_halaman_lacak(org):
    p = PengaduanFactory(unit_kerja=org.diskes)
    client = warga()
    assert "Nilai penanganan" not in lacak(p.kode, client)
    resp = client.post(reverse("pengaduan:lacak-nilai", args=[p.kode]), {"nilai": "5"})
    assert resp.status_code == 400
    for s in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI):
        pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi=f"langkah {s}", status_baru=s)

    html = lacak(p.kode, client)
    assert "Nilai penanganan" in html and "Buka kembali" in html
    resp = client.post(reverse("pengaduan:lacak-nilai", args=[p.kode]), {"nilai": "4"}, follow=True)
    assert "Terima kasih atas penilaian Anda." in resp.content.decode()
    p.refresh_from_db()
    assert p.penilaian == 4

    url = reverse("pengaduan:lacak-buka-ulang", args=[p.kode])
    resp = client.post(url, {"alasan": "Belum tuntas."}, follow=True)
    assert "Pengaduan dibuka kembali" in resp.content.decode()
    p.refresh_from_db()
    assert p.status == Status.DIVERIFIKASI and p.dibuka_ulang
    for s in (Status.DITINDAKLANJUTI, Status.SELESAI):
        pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="lagi", status_baru=s)
    html = lacak(p.kode, client)
    assert "Buka kembali" not in html  # only once
    resp = client.post(url, {"alasan": "Lagi."})
    assert "sudah pernah dibuka kembali" in resp.content.decode()


# --- Script injection: every text field is rendered escaped -------------------------------------


def test_skrip_di_setiap_isian_ditampilkan_sebagai_teks(org, admin_client):
    client = warga()
    client.post(
        URL_AJUKAN,
        data_laporan(
            judul=SKRIP, isi=SKRIP, nama=SKRIP, pegawai_disebut=SKRIP, unit_kerja=org.diskes.pk
        ),
    )
    p = Pengaduan.objects.get()
    # Stored exactly as given.
    assert (p.judul, p.isi, p.nama, p.pegawai_disebut) == (SKRIP,) * 4
    pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi=SKRIP)
    pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi=SKRIP, publik=False)
    for s in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI):
        pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="langkah", status_baru=s)
    client.post(reverse("pengaduan:lacak-buka-ulang", args=[p.kode]), {"alasan": SKRIP})
    client.post(
        reverse("pengaduan:survei"),
        {
            "unit_kerja": org.diskes.pk,
            "layanan": SKRIP,
            "saran": SKRIP,
            **{f"u{i}": "3" for i in range(1, 10)},
        },
    )
    assert SurveiKepuasan.objects.get().saran == SKRIP

    admin_client.force_login(org.admin)
    halaman = {
        "lacak": lacak(p.kode),
        "staf detail": admin_client.get(reverse("pengaduan:staf-detail", args=[p.kode])),
        "staf daftar": admin_client.get(reverse("pengaduan:staf-daftar")),
        "admin daftar": admin_client.get(reverse("admin:pengaduan_pengaduan_changelist")),
        "admin rincian": admin_client.get(reverse("admin:pengaduan_pengaduan_change", args=[p.pk])),
        "admin survei": admin_client.get(reverse("admin:pengaduan_surveikepuasan_changelist")),
    }
    for nama, resp in halaman.items():
        html = resp if isinstance(resp, str) else resp.content.decode()
        assert SKRIP not in html, nama
        assert SKRIP_AMAN in html or "&lt;script&gt;" in html, nama
    # The staff page shows every field the citizen typed, escaped.
    staf = halaman["staf detail"].content.decode()
    assert staf.count(SKRIP_AMAN) >= 6  # judul (title+h1), isi, nama, pegawai, 2 responses


# --- Survey ---------------------------------------------------------------------------------


def test_survei_sembilan_unsur(org):
    client = warga()
    halaman = client.get(reverse("pengaduan:survei")).content.decode()
    assert "Persyaratan" in halaman and "Sarana dan prasarana" in halaman
    data = {"unit_kerja": org.diskes.pk, **{f"u{i}": "4" for i in range(1, 9)}}  # u9 missing
    resp = client.post(reverse("pengaduan:survei"), data)
    assert "Pilih penilaian untuk Sarana dan prasarana." in resp.content.decode()
    data["u9"] = "5"
    resp = client.post(reverse("pengaduan:survei"), data)
    assert resp.status_code == 200 and not SurveiKepuasan.objects.exists()
    data["u9"] = "2"
    resp = client.post(reverse("pengaduan:survei"), data)
    assert resp.status_code == 302
    assert SurveiKepuasan.objects.get().u9 == 2


def _unit_terpilih(halaman: str) -> list[str]:
    """The value of the unit picker (a text input since issue 17), when one is filled in."""
    return re.findall(r'<input type="text" name="unit_kerja" value="([^"]+)"', halaman)


@pytest.mark.parametrize("nama_url", ["pengaduan:survei", "pengaduan:ajukan"])
def test_tautan_unit_memilihkan_unitnya(org, nama_url):
    halaman = warga().get(reverse(nama_url), {"unit": org.yankes.pk}).content.decode()
    assert _unit_terpilih(halaman) == [f"{org.yankes.nama} [{org.yankes.kode}]"]


@pytest.mark.parametrize("nama_url", ["pengaduan:survei", "pengaduan:ajukan"])
@pytest.mark.parametrize("nilai", ["abc", "999999", ""])
def test_tautan_unit_tidak_dikenal_diabaikan(org, nama_url, nilai):
    resp = warga().get(reverse(nama_url), {"unit": nilai})
    assert resp.status_code == 200
    assert _unit_terpilih(resp.content.decode()) == []


def test_halaman_ikm_dan_peringkat(org):
    from .factories import SurveiFactory

    nilai = [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 2, 4, 3, 4, 4, 3, 2], [3, 2, 3, 4, 3, 3, 4, 2, 3]]
    for baris in nilai:
        # Answers to the sub-unit count for its perangkat daerah.
        SurveiFactory(unit_kerja=org.yankes, **{f"u{i}": v for i, v in enumerate(baris, 1)})
    SurveiFactory(unit_kerja=org.disdik, **{f"u{i}": 4 for i in range(1, 10)})

    html = warga().get(reverse("pengaduan:ikm")).content.decode()
    baris = re.findall(
        r"<tr>\s*<td class=\"num\">(\d+)</td>\s*<td class=\"wrap\"><a [^>]*>([^<]+)<", html
    )
    assert baris == [("1", "Dinas Pendidikan"), ("2", "Dinas Kesehatan")]
    assert "78,70" in html and "100,00" in html

    html = warga().get(reverse("pengaduan:ikm-unit", args=[org.diskes.pk])).content.decode()
    assert "78,70" in html and "Baik" in html and "3,333" in html


def test_grafik_ikm_per_unit_dan_per_tahun(org):
    from datetime import datetime

    from django.utils import timezone

    from .factories import SurveiFactory

    tahun = timezone.localdate().year
    SurveiFactory(unit_kerja=org.yankes, **{f"u{i}": 3 for i in range(1, 10)})
    lalu = SurveiFactory(unit_kerja=org.yankes, **{f"u{i}": 2 for i in range(1, 10)})
    SurveiKepuasan.objects.filter(pk=lalu.pk).update(
        dibuat=timezone.make_aware(datetime(tahun - 1, 6, 1))
    )
    html = warga().get(reverse("pengaduan:ikm")).content.decode()
    assert 'role="img"' in html and f"<title>IKM perangkat daerah tahun {tahun}" in html
    assert 'aria-label="IKM perangkat daerah' in html and "Dinas Kesehatan: 75,00 (C)" in html

    html = warga().get(reverse("pengaduan:ikm-unit", args=[org.diskes.pk])).content.decode()
    # One bar per year with respondents, the numbers per unsur and year in a table.
    assert f"{tahun - 1}: 50,00 (D)" in html and f"{tahun}: 75,00 (C)" in html
    tabel = html.split('data-testid="tabel-tren"')[1].split("</table>")[0]
    assert f'<th scope="col" class="num">{tahun - 1}</th>' in tabel
    assert "2,000" in tabel and "3,000" in tabel
    # Coordinates are never written with a decimal comma.
    assert re.search(r'width="\d+(\.\d+)?"', html) and not re.search(r'width="\d+,\d', html)


# --- Rate limits on the pages --------------------------------------------------------------------


def test_batas_laju_halaman_pengaduan_hanya_menghitung_yang_diterima(org, settings):
    settings.PENGADUAN_BATAS_LAJU = {"pengaduan": (3, 3600), "pengaduan-upaya": (50, 3600)}
    client = warga("203.0.113.10")
    # Five refused attempts in a row do not use up the limit of accepted complaints.
    for _ in range(5):
        assert client.post(URL_AJUKAN, data_laporan(judul="")).status_code == 200
    assert [client.post(URL_AJUKAN, data_laporan()).status_code for _ in range(3)] == [302] * 3
    resp = client.post(URL_AJUKAN, data_laporan(isi="Teks panjang yang saya ketik di ponsel."))
    assert resp.status_code == 429
    html = resp.content.decode()
    # The form comes back as typed, with the wait in minutes and Retry-After in seconds.
    assert "Teks panjang yang saya ketik di ponsel." in html
    assert "coba lagi dalam 60 menit" in html
    assert 3590 <= int(resp["Retry-After"]) <= 3600
    assert Pengaduan.objects.count() == 3
    assert warga("203.0.113.11").post(URL_AJUKAN, data_laporan()).status_code == 302


def test_batas_semua_upaya_menahan_banjir_kiriman_salah(org, settings):
    settings.PENGADUAN_BATAS_LAJU = {"pengaduan": (30, 3600), "pengaduan-upaya": (4, 3600)}
    client = warga("203.0.113.12")
    assert [client.post(URL_AJUKAN, data_laporan(judul="")).status_code for _ in range(4)] == [
        200
    ] * 4
    resp = client.post(URL_AJUKAN, data_laporan(judul="Judul benar"))
    assert resp.status_code == 429 and "Judul benar" in resp.content.decode()
    assert not Pengaduan.objects.exists()


def test_batas_bawaan_longgar_untuk_alamat_bersama(org):
    from pengaduan import pengaturan

    batas = pengaturan.batas_laju()
    assert batas["pengaduan"][0] >= 30 and batas["survei"][0] >= 100
    assert batas["pengaduan-upaya"][0] > batas["pengaduan"][0]
    assert batas["survei-upaya"][0] > batas["survei"][0]


def test_batas_laju_survei(org, settings):
    settings.PENGADUAN_BATAS_LAJU = {"survei": (2, 3600)}
    client = warga()
    data = {"unit_kerja": org.diskes.pk, **{f"u{i}": "3" for i in range(1, 10)}}
    assert client.post(reverse("pengaduan:survei"), {**data, "u1": ""}).status_code == 200
    assert [client.post(reverse("pengaduan:survei"), data).status_code for _ in range(3)] == [
        302,
        302,
        429,
    ]
    assert SurveiKepuasan.objects.count() == 2


def test_ipv6_dihitung_per_64(org, settings):
    settings.PENGADUAN_BATAS_LAJU = {"pengaduan": (1, 3600)}
    assert warga("2001:db8:1:2::1").post(URL_AJUKAN, data_laporan()).status_code == 302
    assert warga("2001:db8:1:2::ffff").post(URL_AJUKAN, data_laporan()).status_code == 429
    assert warga("2001:db8:1:3::1").post(URL_AJUKAN, data_laporan()).status_code == 302


def test_pemilih_unit_publik_tanpa_masuk_dan_nama_diketik(org):
    """The public forms pick the unit with the picker: suggestions without signing in (the
    units are public), and a typed name is resolved without JavaScript."""
    hasil = warga().get(reverse("pengaduan:unit-cari"), {"q": "pelayanan"}).json()["hasil"]
    assert [u["kode"] for u in hasil] == ["DISKES-YANKES"]
    assert hasil[0]["induk"] == org.diskes.nama
    halaman = warga().get(reverse("pengaduan:survei")).content.decode()
    assert f'data-url="{reverse("pengaduan:unit-cari")}"' in halaman
    data = {"unit_kerja": "bidang pelayanan", **{f"u{i}": "4" for i in range(1, 10)}}
    assert warga().post(reverse("pengaduan:survei"), data).status_code == 302
    assert SurveiKepuasan.objects.get().unit_kerja == org.yankes
