"""The HR page, the home-page block, and the whole path from a browser form to BKN."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from siasn import services
from siasn.models import Kiriman, Selisih
from tests.factories import PegawaiFactory
from tests.kinerja.factories import buat_org
from tests.siasn.helpers import nilai

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    return buat_org()


def masuk(client, user):
    client.force_login(user)
    return client


def test_halaman_bukan_hr_404(client, org):
    masuk(client, org.staf1.user)
    assert client.get("/siasn/").status_code == 404


def test_halaman_tanpa_konfigurasi_menyatakan_belum_dikonfigurasi(client, org):
    masuk(client, org.admin)
    resp = client.get("/siasn/")
    assert resp.status_code == 200
    assert "Sinkronisasi SIASN belum dikonfigurasi" in resp.content.decode()
    resp = client.get("/")
    assert "Sinkronisasi SIASN belum dikonfigurasi" in resp.content.decode()


def test_beranda_pegawai_tanpa_blok_siasn(client, org):
    masuk(client, org.staf1.user)
    assert "Sinkronisasi SIASN" not in client.get("/").content.decode()


def test_penolakan_tampil_dengan_pesan_bkn_dan_dapat_dikirim_ulang(client, siasn, org):
    siasn.tanam_pns(org.staf1.nip, id="pns-1")
    nilai(org)
    siasn.k.tolak_pesan, siasn.k.tolak_sisa = "Penilai tidak terdaftar sebagai ASN", 1
    services.kiriman_kirim_semua(abaikan_jadwal=True)
    masuk(client, org.op_diskes)
    halaman = client.get("/siasn/").content.decode()
    assert "Penilai tidak terdaftar sebagai ASN" in halaman
    assert "Dinas Kesehatan" in halaman
    beranda = client.get("/").content.decode()
    assert "Ditolak BKN" in beranda
    kiriman = Kiriman.objects.get()
    resp = client.post(f"/siasn/kiriman/{kiriman.pk}/kirim-ulang/")
    assert resp.status_code == 302
    call_command("siasn_kirim")
    kiriman.refresh_from_db()
    assert kiriman.status == "TERKIRIM"
    assert len(siasn.tersimpan("skp22")) == 1


def test_operator_lain_tidak_melihat_dan_tidak_dapat_mengirim_ulang(client, siasn, org):
    siasn.tanam_pns(org.staf1.nip, id="pns-1")
    nilai(org)
    siasn.k.tolak_pesan, siasn.k.tolak_sisa = "Penilai tidak terdaftar sebagai ASN", 1
    services.kiriman_kirim_semua(abaikan_jadwal=True)
    masuk(client, org.op_disdik)
    assert "Penilai tidak terdaftar" not in client.get("/siasn/").content.decode()
    kiriman = Kiriman.objects.get()
    assert client.post(f"/siasn/kiriman/{kiriman.pk}/kirim-ulang/").status_code == 404
    assert client.get(f"/siasn/?unit={org.diskes.pk}").status_code == 404


def test_selisih_golongan_tampil_dan_diterima_lewat_halaman(client, siasn, org):
    siasn.tanam_pns(org.staf1.nip, golRuangAkhir="III/d", tmtGolAkhir="01-10-2025",
                    unorNama="Dinas Kesehatan")  # fmt: skip
    call_command("siasn_cocokkan", "--unit", "DISKES")
    masuk(client, org.op_diskes)
    halaman = client.get("/siasn/").content.decode()
    assert "Selisih data dengan SIASN" in halaman
    assert "III/d" in halaman and org.staf1.nama in halaman
    s = Selisih.objects.get(pegawai=org.staf1, unsur="GOLONGAN")
    resp = client.post(f"/siasn/selisih/{s.pk}/terima/", follow=True)
    assert f"Data golongan {org.staf1.nama} diperbarui mengikuti SIASN." in resp.content.decode()
    org.staf1.refresh_from_db()
    assert (org.staf1.golongan, org.staf1.tmt_golongan) == ("III/d", date(2025, 10, 1))
    jejak = org.staf1.history.first()
    assert (jejak.history_user, jejak.golongan) == (org.op_diskes, "III/d")
    assert org.staf1.history.filter(golongan="III/b").exists()


def test_selisih_tandai_perbaiki_di_bkn_lewat_halaman(client, siasn, org):
    siasn.tanam_pns(org.staf1.nip, golRuangAkhir="III/d", unorNama="Dinas Kesehatan")
    call_command("siasn_cocokkan", "--unit", "DISKES")
    s = Selisih.objects.get(pegawai=org.staf1, unsur="GOLONGAN")
    masuk(client, org.op_diskes)
    client.post(f"/siasn/selisih/{s.pk}/perbaiki-bkn/")
    s.refresh_from_db()
    assert s.status == "PERBAIKI_BKN"
    org.staf1.refresh_from_db()
    assert org.staf1.golongan == "III/b"


def test_operator_lain_tidak_dapat_menerima_selisih(client, siasn, org):
    siasn.tanam_pns(org.staf1.nip, golRuangAkhir="III/d", unorNama="Dinas Kesehatan")
    call_command("siasn_cocokkan", "--unit", "DISKES")
    s = Selisih.objects.get(pegawai=org.staf1, unsur="GOLONGAN")
    masuk(client, org.op_disdik)
    assert client.post(f"/siasn/selisih/{s.pk}/terima/").status_code == 404
    assert client.get("/siasn/selisih/{s.pk}/terima/").status_code in (404, 405)


def test_penilaian_dari_form_sampai_di_simulator_tepat_sekali(client, siasn, org):
    """The supervisor finalises the annual appraisal through the real page; delivery runs
    (twice, as a beat sweep and the command would); BKN holds it exactly once."""
    siasn.tanam_pns(org.staf1.nip, id="pns-staf1")
    masuk(client, org.kabid.user)
    tahun = str(timezone.localdate().year)
    resp = client.post(
        f"/kinerja/penilaian/baru/{org.staf1.nip}/",
        {
            "periode": tahun,
            "rating_hasil_kerja": "DI_ATAS",
            "rating_perilaku": "DI_ATAS",
            "umpan_balik": "Sangat baik, target terlampaui.",
            f"realisasi_{org.rhk1.pk}": "0",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    call_command("siasn_kirim")
    call_command("siasn_kirim")
    [skp] = siasn.tersimpan("skp22", org.staf1.nip)
    assert (skp["tahun"], skp["kuadranKinerjaNilai"], skp["pnsDinilaiOrang"]) == (
        int(tahun),
        1,
        "pns-staf1",
    )
    assert len(siasn.permintaan("POST", "skp22/save")) == 1


def test_jumlah_query_halaman_datar_1_vs_banyak(client, siasn, org):
    """Queries of /siasn/: session + user, the access (groups, operator, pegawai, has
    subordinates), unit choices, counts (kiriman aggregate, selisih count), per-unit
    kiriman and selisih, the units, and the four lists (each one joined query)."""
    masuk(client, org.admin)

    def ukur():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/siasn/").status_code == 200
        return len(ctx)

    Kiriman.objects.create(kunci="a:v1", jenis="SKP22", sumber="a", versi=1,
                           pegawai=org.staf1, nip=org.staf1.nip, uraian="a")  # fmt: skip
    sedikit = ukur()
    for i in range(30):
        p = PegawaiFactory(unit_kerja=org.diskes if i % 2 else org.disdik)
        Kiriman.objects.create(kunci=f"b{i}:v1", jenis="KURSUS", sumber=f"b{i}", versi=1,
                               pegawai=p, nip=p.nip, uraian="b",
                               status=["MENUNGGU", "TERKIRIM", "DITOLAK"][i % 3])  # fmt: skip
        Selisih.objects.create(pegawai=p, unsur="JABATAN", nilai_siasn="x")
    assert ukur() == sedikit


def test_hasil_pelatihan_dicatat_hr_di_admin_sampai_sebagai_kursus_sekali(client, siasn, org):
    """HR records attendance and the pass in the admin; the recognised training reaches
    SIASN as a kursus, once, whatever the number of delivery runs."""
    from django.urls import reverse

    from pelatihan.models import StatusSesi
    from tests.pelatihan.factories import PelatihanFactory, PesertaFactory, SesiFactory

    siasn.tanam_pns(org.staf1.nip, id="pns-staf1")
    program = PelatihanFactory(nama="Bimtek Surveilans", jenis="BIMTEK", jp=16)
    sesi = SesiFactory(pelatihan=program, status=StatusSesi.SELESAI)
    peserta = PesertaFactory(sesi=sesi, pegawai=org.staf1)
    masuk(client, org.admin)
    resp = client.post(
        reverse("admin:pelatihan_peserta_change", args=[peserta.pk]),
        {"hadir": "true", "nilai_pre_test": "", "nilai_post_test": "", "hasil": "LULUS"},
    )
    assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
    call_command("siasn_kirim")
    call_command("siasn_kirim")
    [kursus] = siasn.tersimpan("kursus", org.staf1.nip)
    assert (kursus["namaKursus"], kursus["jumlahJam"], kursus["pnsOrangId"]) == (
        "Bimtek Surveilans",
        16,
        "pns-staf1",
    )
    assert siasn.tersimpan("diklat") == []
