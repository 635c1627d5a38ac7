"""The outbox: what is queued when, the exact payloads BKN receives, and delivery that
survives 5xx, timeouts, refusals, crashes and a long outage without sending anything twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from kinerja.models import Penilaian
from pelatihan import services as pelatihan_services
from siasn import services
from siasn.models import Kiriman, StatusKiriman
from tests.kinerja.factories import buat_org
from tests.siasn.helpers import lulus, nilai, periode_triwulan_lalu

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    return buat_org()


@pytest.fixture
def pns(siasn, org):
    """SIASN knows the employees of the organisation."""
    for p in (org.kabid, org.staf1, org.staf2, org.kabid2, org.guru):
        siasn.tanam_pns(p.nip, id=f"pns-{p.nip}", nama=p.nama)
    return siasn


def kirim_semua(**kw):
    return services.kiriman_kirim_semua(abaikan_jadwal=True, **kw)


# --- Switch --------------------------------------------------------------------------------------


def test_tanpa_konfigurasi_tidak_ada_yang_diantre(org):
    nilai(org)
    lulus(org.staf1)
    assert Kiriman.objects.count() == 0


def test_satu_kredensial_kosong_berarti_mati(siasn, settings, org):
    settings.SIASN_SSO_PASSWORD = ""
    nilai(org)
    assert Kiriman.objects.count() == 0


# --- Exact payloads ------------------------------------------------------------------------------


def test_penilaian_tahunan_dikirim_ke_skp22_persis(pns, org):
    p = nilai(org, hasil="DI_ATAS", perilaku="SESUAI")  # Baik
    kiriman = Kiriman.objects.get()
    assert (kiriman.jenis, kiriman.kunci) == ("SKP22", f"kinerja.penilaian:{p.pk}:v1")
    assert kirim_semua().terkirim == 1
    kabid = org.kabid
    [simpan] = pns.permintaan("POST", "skp22/save")
    assert simpan.body == {
        "tahun": p.tahun,
        "hasilKinerjaNilai": 1,
        "perilakuKerjaNilai": 2,
        "kuadranKinerjaNilai": 2,
        "penilaiNipNrp": kabid.nip,
        "penilaiNama": kabid.nama_lengkap,
        "penilaiGolongan": "32",
        "penilaiUnorNama": "Dinas Kesehatan",
        "statusPenilai": "ASN",
        "penilaiJabatan": kabid.nama_jabatan,
        "pnsDinilaiOrang": f"pns-{org.staf1.nip}",
        "id": None,
    }
    assert simpan.headers["Authorization"].startswith("Bearer ")
    assert simpan.headers["Auth"].startswith("bearer ")
    kiriman.refresh_from_db()
    assert kiriman.status == StatusKiriman.TERKIRIM
    assert kiriman.bkn_id == pns.tersimpan("skp22")[0]["id"]
    assert kiriman.jawaban["mapData"] == {"rwSkp22Id": kiriman.bkn_id}


def test_di_atas_tapi_perilaku_di_bawah_adalah_kuadran_kurang(pns, org):
    nilai(org, hasil="DI_ATAS", perilaku="DI_BAWAH")
    kirim_semua()
    [tersimpan] = pns.tersimpan("skp22")
    assert tersimpan["kuadranKinerjaNilai"] == 4


def test_penilaian_triwulan_dikirim_ke_kinerjaperiodik_persis(pns, org):
    periode = periode_triwulan_lalu()
    p = nilai(org, periode=periode, hasil="SESUAI", perilaku="SESUAI")
    assert Kiriman.objects.get().jenis == "KINERJA_PERIODIK"
    kirim_semua()
    [simpan] = pns.permintaan("POST", "kinerjaperiodik/save")
    tahun, q = periode.split("-Q")
    mulai = (int(q) - 1) * 3 + 1
    assert simpan.body == {
        "tahun": p.tahun,
        "periodikId": "2",
        "bulanMulaiPenilaian": mulai,
        "bulanSelesaiPenilaian": mulai + 2,
        "tahunMulaiPenilaian": int(tahun),
        "tahunSelesaiPenilaian": int(tahun),
        "hasilKinerjaNilai": 2,
        "perilakuKerjaNilai": 2,
        "kuadranKinerjaNilai": 2,
        "koefisienId": "",
        "penilaiNipNrp": org.kabid.nip,
        "penilaiNama": org.kabid.nama_lengkap,
        "penilaiGolongan": "32",
        "penilaiUnorNama": "Dinas Kesehatan",
        "statusPenilai": "ASN",
        "penilaiJabatanNama": org.kabid.nama_jabatan,
        "pnsDinilaiId": f"pns-{org.staf1.nip}",
    }


def test_pelatihan_teknis_dikirim_sebagai_kursus_persis(pns, org):
    peserta = lulus(org.staf1, jenis="TEKNIS", jp=24)
    kiriman = Kiriman.objects.get()
    assert (kiriman.jenis, kiriman.sumber) == ("KURSUS", f"pelatihan.peserta:{peserta.pk}")
    kirim_semua()
    [simpan] = pns.permintaan("POST", "kursus/save")
    sesi = peserta.sesi
    assert simpan.body == {
        "namaKursus": "Pelatihan Surveilans Epidemiologi",
        "jenisKursus": "",
        "jenisDiklatId": "2",
        "jenisKursusSertipikat": "",
        "institusiPenyelenggara": "BPSDM Lampung",
        "jumlahJam": 24,
        "tahunKursus": sesi.tanggal_selesai.year,
        "tanggalKursus": sesi.tanggal_mulai.strftime("%d-%m-%Y"),
        "tanggalSelesaiKursus": sesi.tanggal_selesai.strftime("%d-%m-%Y"),
        "nomorSertipikat": "",
        "instansiId": "",
        "lokasiId": "",
        "pnsOrangId": f"pns-{org.staf1.nip}",
    }


def test_pelatihan_kepemimpinan_dikirim_sebagai_diklat_persis(pns, org):
    peserta = lulus(org.kabid, jenis="PKA", nama="Pelatihan Kepemimpinan Administrator", jp=80)
    kirim_semua()
    [simpan] = pns.permintaan("POST", "diklat/save")
    sesi = peserta.sesi
    assert simpan.body == {
        "latihanStrukturalId": "3",
        "nomor": "",
        "tanggal": sesi.tanggal_mulai.strftime("%d-%m-%Y"),
        "tanggalSelesai": sesi.tanggal_selesai.strftime("%d-%m-%Y"),
        "tahun": sesi.tanggal_selesai.year,
        "jumlahJam": 80,
        "institusiPenyelenggara": "BPSDM Lampung",
        "bobot": 0,
        "jenisKompetensi": "",
        "pnsOrangId": f"pns-{org.kabid.nip}",
    }
    assert Kiriman.objects.get().jenis == "DIKLAT"


def test_angka_kredit_dikirim_ke_angkakredit_persis(pns, org):
    from datetime import date
    from decimal import Decimal

    services.angka_kredit_antre(
        pegawai=org.staf1,
        sumber="angka_kredit:1",
        uraian="Angka kredit 2026",
        nomor_sk="800/12/BKD/2026",
        tanggal_sk=date(2026, 1, 15),
        mulai=date(2025, 1, 1),
        selesai=date(2025, 12, 31),
        kredit_utama=Decimal("12.5"),
    )
    kirim_semua()
    [simpan] = pns.permintaan("POST", "angkakredit/save")
    assert simpan.body == {
        "nomorSk": "800/12/BKD/2026",
        "tanggalSk": "15-01-2026",
        "bulanMulaiPenailan": "1",
        "tahunMulaiPenailan": "2025",
        "bulanSelesaiPenailan": "12",
        "tahunSelesaiPenailan": "2025",
        "kreditUtamaBaru": "12.5",
        "kreditPenunjangBaru": "0",
        "kreditBaruTotal": "12.5",
        "isAngkaKreditPertama": "0",
        "isIntegrasi": "0",
        "isKonversi": "0",
        "rwJabatanId": "",
        "pnsId": f"pns-{org.staf1.nip}",
    }


def test_pelatihan_tidak_lulus_tidak_diantre(pns, org):
    from pelatihan.models import StatusSesi
    from tests.pelatihan.factories import PesertaFactory, SesiFactory

    peserta = PesertaFactory(sesi=SesiFactory(status=StatusSesi.SELESAI), pegawai=org.staf1)
    pelatihan_services.peserta_hasil_catat(peserta=peserta, hadir=True, hasil="TIDAK_LULUS")
    assert Kiriman.objects.count() == 0


# --- Idempotence and corrections -----------------------------------------------------------------


def test_diumumkan_ulang_tanpa_perubahan_tidak_menambah_versi(pns, org):
    peserta = lulus(org.staf1)
    pelatihan_services.sesi_jp_sinkron(sesi=peserta.sesi)
    pelatihan_services.sesi_jp_sinkron(sesi=peserta.sesi)
    assert Kiriman.objects.count() == 1
    kirim_semua()
    kirim_semua()
    assert len(pns.tersimpan("kursus")) == 1


def test_koreksi_lokal_menarik_yang_lama_dan_mengirim_yang_baru(pns, org):
    peserta = lulus(org.staf1, jp=24)
    kirim_semua()
    [lama] = pns.tersimpan("kursus")
    program = peserta.sesi.pelatihan
    program.jp = 32
    program.save()
    pelatihan_services.sesi_jp_sinkron(sesi=peserta.sesi)
    v1, v2 = Kiriman.objects.order_by("versi")
    assert v2.kunci.endswith(":v2")
    kirim_semua()
    [baru] = pns.tersimpan("kursus")
    assert baru["jumlahJam"] == 32 and baru["id"] != lama["id"]
    assert pns.permintaan("DELETE", f"kursus/delete/{lama['id']}")
    v1.refresh_from_db()
    assert v1.bkn_dihapus_pada is not None


def test_koreksi_skp_memperbarui_riwayat_yang_sama_di_bkn(pns, org):
    """BKN has no delete service for SKP: the corrected version is saved with the old id."""
    from kinerja.signals import penilaian_final

    p = nilai(org, hasil="SESUAI", perilaku="SESUAI")
    kirim_semua()
    [lama] = pns.tersimpan("skp22")
    Penilaian.objects.filter(pk=p.pk).update(rating_hasil_kerja="DI_ATAS", predikat="BAIK")
    p.refresh_from_db()
    penilaian_final.send(sender=Penilaian, penilaian=p)  # a correction announced again
    assert Kiriman.objects.order_by("versi").last().kunci == f"kinerja.penilaian:{p.pk}:v2"
    kirim_semua()
    [baru] = pns.tersimpan("skp22")
    assert baru["id"] == lama["id"] and baru["hasilKinerjaNilai"] == 1
    assert pns.permintaan("POST", "skp22/save")[-1].body["id"] == lama["id"]
    assert pns.permintaan("DELETE") == []


def test_hasil_dibatalkan_menarik_data_di_siasn(pns, org):
    peserta = lulus(org.staf1)
    kirim_semua()
    pelatihan_services.peserta_hasil_catat(peserta=peserta, hadir=False)
    tarik = Kiriman.objects.order_by("versi").last()
    assert tarik.operasi == "HAPUS"
    kirim_semua()
    assert pns.tersimpan("kursus") == []


def test_versi_yang_belum_terkirim_diganti_bukan_dikirim(pns, org):
    peserta = lulus(org.staf1, jp=24)
    program = peserta.sesi.pelatihan
    program.jp = 16
    program.save()
    pelatihan_services.sesi_jp_sinkron(sesi=peserta.sesi)
    kirim_semua()
    assert [k.status for k in Kiriman.objects.order_by("versi")] == ["DIGANTI", "TERKIRIM"]
    [tersimpan] = pns.tersimpan("kursus")
    assert tersimpan["jumlahJam"] == 16
    assert len(pns.permintaan("POST", "kursus/save")) == 1


# --- Transient trouble ---------------------------------------------------------------------------


def test_5xx_lalu_berhasil_terkirim_sekali(pns, org):
    nilai(org)
    kiriman = Kiriman.objects.get()
    pns.k.gagal_5xx = 1  # the first API call (the data-utama look-up) answers 502
    h = services.kiriman_kirim(kiriman_id=kiriman.pk)
    kiriman.refresh_from_db()
    assert h.status == "MENUNGGU" and h.jeda == 30
    assert kiriman.status == StatusKiriman.MENUNGGU and "HTTP 502" in kiriman.pesan
    assert kiriman.kirim_setelah > timezone.now()
    # Not due yet: the sweep leaves it alone.
    assert services.kiriman_kirim_semua().terkirim == 0
    h = services.kiriman_kirim(kiriman_id=kiriman.pk, sekarang=kiriman.kirim_setelah)
    assert h.status == "TERKIRIM"
    assert len(pns.tersimpan("skp22")) == 1
    assert len(pns.permintaan("POST", "skp22/save")) == 1


def test_5xx_pada_simpan_lalu_berhasil_tidak_menggandakan(pns, org):
    nilai(org)
    kiriman = Kiriman.objects.get()
    # Let the look-up pass, fail the save itself.
    pns.k.gagal_5xx = 0
    original = services.muatan_mod.lengkapi

    def lengkapi_lalu_rusak(*a, **kw):
        pns.k.gagal_5xx = 1
        return original(*a, **kw)

    services.muatan_mod.lengkapi = lengkapi_lalu_rusak
    try:
        assert services.kiriman_kirim(kiriman_id=kiriman.pk).status == "MENUNGGU"
    finally:
        services.muatan_mod.lengkapi = original
    assert kirim_semua().terkirim == 1
    assert len(pns.tersimpan("skp22")) == 1


def test_timeout_dicatat_sebagai_sementara(pns, org, settings):
    settings.SIASN_TIMEOUT = 0.3
    nilai(org)
    pns.k.gantung = True
    h = kirim_semua()
    assert (h.terkirim, h.menunggu) == (0, 1)
    assert "tidak menjawab dalam 0.3 detik" in Kiriman.objects.get().pesan
    pns.k.gantung = False
    pns.lepas.set()
    assert kirim_semua().terkirim == 1
    assert len(pns.tersimpan("skp22")) == 1


def test_siasn_mati_lama_tidak_ada_yang_hilang_dan_semua_terkirim_sekali(pns, org):
    pns.k.mati = True
    nilai(org, org.staf1)
    nilai(org, org.staf2)
    nilai(org, org.guru)
    lulus(org.staf1)
    lulus(org.guru, nama="Bimtek Kurikulum", jenis="BIMTEK")
    assert Kiriman.objects.count() == 5  # saves went through while SIASN is down
    for _ in range(4):  # several sweeps while it stays down
        h = kirim_semua()
        assert h.terkirim == 0 and h.menunggu == 5
    assert set(Kiriman.objects.values_list("status", flat=True)) == {"MENUNGGU"}
    pns.k.mati = False
    h = kirim_semua()
    assert (h.terkirim, h.ditolak, h.menunggu) == (5, 0, 0)
    assert len(pns.tersimpan("skp22")) == 3
    assert len(pns.tersimpan("kursus")) == 2
    assert len(pns.permintaan("POST", "skp22/save")) == 3
    assert kirim_semua().terkirim == 0


def test_token_kedaluwarsa_di_tengah_putaran_semua_tetap_terkirim_sekali(pns, org):
    nilai(org, org.staf1)
    nilai(org, org.staf2)
    nilai(org, org.guru)
    pns.k.cabut_token_pada = 4  # BKN drops the tokens during the second delivery
    h = kirim_semua()
    assert (h.terkirim, h.menunggu, h.ditolak) == (3, 0, 0)
    assert (pns.k.terbit_gateway, pns.k.terbit_sso) == (2, 2)
    assert len(pns.tersimpan("skp22")) == 3
    # The save that met the dropped tokens was refused (401) and repeated once, with new ones.
    posts = pns.permintaan("POST", "skp22/save")
    assert len(posts) == 4
    ulang = [p for p in posts if p.body["pnsDinilaiOrang"] == posts[1].body["pnsDinilaiOrang"]]
    assert len(ulang) == 2
    assert ulang[0].headers["Authorization"] != ulang[1].headers["Authorization"]


def test_jeda_bertambah_dan_dibatasi(pns, org):
    pns.k.mati = True
    nilai(org)
    kiriman = Kiriman.objects.get()
    jeda = []
    for _ in range(9):
        jeda.append(services.kiriman_kirim(kiriman_id=kiriman.pk, abaikan_jadwal=True).jeda)
    assert jeda == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


# --- Refusal -------------------------------------------------------------------------------------


def test_penolakan_disimpan_dengan_pesan_bkn_dan_tidak_diulang(pns, org):
    nilai(org)
    pns.k.tolak_pesan = "Penilai dengan NIP tersebut tidak ditemukan"
    pns.k.tolak_sisa = 1
    h = kirim_semua()
    assert h.ditolak == 1
    kiriman = Kiriman.objects.get()
    assert kiriman.status == StatusKiriman.DITOLAK
    assert kiriman.pesan == "Penilai dengan NIP tersebut tidak ditemukan"
    assert kirim_semua().ditolak == 0  # not retried
    assert len(pns.permintaan("POST", "skp22/save")) == 1


def test_pns_tidak_ada_di_siasn_ditolak_dengan_pesan(siasn, org):
    nilai(org)
    kirim_semua()
    assert Kiriman.objects.get().pesan == f"NIP {org.staf1.nip} tidak ditemukan di SIASN."


def test_kirim_ulang_oleh_hr_setelah_diperbaiki(pns, org):
    nilai(org)
    pns.k.tolak_pesan, pns.k.tolak_sisa = "Data belum lengkap", 1
    kirim_semua()
    kiriman = Kiriman.objects.get()
    services.kiriman_kirim_ulang(kiriman=kiriman, oleh=org.op_diskes)
    assert kirim_semua().terkirim == 1
    assert len(pns.tersimpan("skp22")) == 1


def test_kirim_ulang_di_luar_lingkup_404(pns, org):
    from django.http import Http404

    nilai(org)
    pns.k.tolak_pesan, pns.k.tolak_sisa = "Data belum lengkap", 1
    kirim_semua()
    with pytest.raises(Http404):
        services.kiriman_kirim_ulang(kiriman=Kiriman.objects.get(), oleh=org.op_disdik)


# --- Crash between send and record ---------------------------------------------------------------


def test_crash_setelah_kirim_sebelum_dicatat_tidak_mengirim_dua_kali(pns, org, monkeypatch):
    nilai(org)
    kiriman = Kiriman.objects.get()

    def mati_mendadak(*a, **kw):
        raise SystemExit("worker killed")

    asli = services._catat
    # The first _catat call after the send is the one recording the answer: crash there.
    monkeypatch.setattr(services, "_catat", mati_mendadak)
    with pytest.raises(SystemExit):
        services.kiriman_kirim(kiriman_id=kiriman.pk)
    monkeypatch.setattr(services, "_catat", asli)
    kiriman.refresh_from_db()
    assert kiriman.status == StatusKiriman.DIKIRIM  # claimed, answer never recorded
    assert len(pns.tersimpan("skp22")) == 1
    # Meanwhile nobody else may send it: the claim holds.
    assert services.kiriman_kirim(kiriman_id=kiriman.pk).status == "LEWAT"
    # After the claim goes stale, the next worker looks at BKN first.
    nanti = timezone.now() + timedelta(minutes=6)
    assert services.kiriman_kirim(kiriman_id=kiriman.pk, sekarang=nanti).status == "TERKIRIM"
    kiriman.refresh_from_db()
    assert kiriman.bkn_id == pns.tersimpan("skp22")[0]["id"]
    assert len(pns.tersimpan("skp22")) == 1
    assert len(pns.permintaan("POST", "skp22/save")) == 1


def test_klaim_hanya_dimenangkan_satu_pekerja(pns, org):
    nilai(org)
    kiriman = Kiriman.objects.get()
    sekarang = timezone.now()
    assert services._klaim(kiriman.pk, sekarang, abaikan_jadwal=False) is True
    assert services._klaim(kiriman.pk, sekarang, abaikan_jadwal=False) is False


# --- Command -------------------------------------------------------------------------------------


def test_perintah_siasn_kirim_keluar_bukan_nol_bila_ada_yang_ditolak(pns, org, capsys):
    nilai(org, org.staf1)
    nilai(org, org.staf2)
    pns.k.tolak_pesan, pns.k.tolak_sisa = "Nilai kuadran tidak sesuai", 1
    with pytest.raises(CommandError, match="1 kiriman ditolak BKN"):
        call_command("siasn_kirim")
    keluar = capsys.readouterr().out
    assert "Terkirim: 1, ditolak: 1" in keluar
    assert "Nilai kuadran tidak sesuai" in keluar


def test_perintah_siasn_kirim_tanpa_konfigurasi(org, capsys):
    call_command("siasn_kirim")
    assert "SIASN belum dikonfigurasi" in capsys.readouterr().out


def test_penilaian_disimpan_walau_siasn_mati(pns, org):
    pns.k.mati = True
    p = nilai(org)
    assert Penilaian.objects.filter(pk=p.pk).exists()
