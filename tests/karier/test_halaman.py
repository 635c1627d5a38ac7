"""The career page: position and rank, the plan, sessions, JP, fitting positions with what
the employee lacks, next kenaikan pangkat; admin changelists with flat query counts."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jabatan.models import Penempatan, StandarKompetensi
from karier import services
from karier.models import SesiPembinaan
from pegawai.models import RiwayatPangkat
from tests.factories import PegawaiFactory
from tests.jabatan.factories import AsesmenFactory, JabatanFactory, KompetensiFactory


def test_halaman_karier_pegawai(client, org):
    epi = KompetensiFactory(nama="Epidemiologi")
    sekarang = JabatanFactory(nama="Epidemiolog Ahli Pertama")
    tujuan = JabatanFactory(nama="Epidemiolog Ahli Muda", jenjang="AHLI_MUDA", kelas_jabatan=9)
    StandarKompetensi.objects.create(jabatan=tujuan, kompetensi=epi, level=4)
    AsesmenFactory(pegawai=org.siti, kompetensi=epi, level=3)
    Penempatan.objects.create(pegawai=org.siti, jabatan=sekarang, unit_kerja=org.diskes,
                              jenis="PENGANGKATAN", tmt=date(2020, 3, 1))  # fmt: skip
    RiwayatPangkat.objects.create(pegawai=org.siti, golongan="III/b", tmt=date(2021, 4, 1),
                                  nomor_sk="SK-123")  # fmt: skip
    services.sesi_pembinaan_catat(
        pembina=org.kabid, pegawai=org.siti, oleh=org.kabid.user,
        data={"jenis": "COACHING", "tanggal": timezone.localdate(), "durasi_menit": 45,
              "topik": "Rencana karier"},
    )  # fmt: skip
    client.force_login(org.siti.user)
    resp = client.get(reverse("karier:saya"))
    isi = resp.content.decode()
    assert resp.status_code == 200
    assert "Karier Saya" in isi
    assert "Epidemiolog Ahli Pertama" in isi and "SK-123" in isi
    assert "Rencana karier" in isi
    assert 'data-testid="jp-total">1<' in isi
    # The fitting position and what she lacks for it.
    assert "Epidemiolog Ahli Muda" in isi
    assert "kurang: Epidemiologi level 3 dari 4" in isi
    # The next kenaikan pangkat, in words: an Ahli Pertama moves on angka kredit, not years.
    assert (
        "Angka kredit kumulatif 0 belum mencapai 100 untuk naik dari III/b sebagai Ahli Pertama "
        "(kurang 100)." in isi
    )
    assert 'data-testid="ak-kumulatif"' in isi and "Belum ada angka kredit tercatat." in isi


def test_atasan_membuka_karier_bawahan_dengan_tombol_catat(client, org):
    client.force_login(org.kabid.user)
    isi = client.get(reverse("karier:pegawai", args=[org.siti.nip])).content.decode()
    assert "Catat sesi coaching/mentoring" in isi
    assert f"?pegawai={org.siti.nip}" in isi


def test_changelist_sesi_jumlah_query_tetap(client, org):
    def hitung() -> int:
        client.force_login(User.objects.get(pk=org.hr.pk))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("admin:karier_sesipembinaan_changelist")).status_code == 200
        return len(ctx)

    def sesi(pegawai):
        SesiPembinaan.objects.create(
            jenis="COACHING", pembina=org.kabid, pegawai=pegawai, tanggal=date(2026, 1, 5),
            durasi_menit=60, topik="T",
        )  # fmt: skip

    sesi(org.siti)
    satu = hitung()
    for p in PegawaiFactory.create_batch(49, unit_kerja=org.diskes, atasan=org.kabid):
        sesi(p)
    assert hitung() == satu
