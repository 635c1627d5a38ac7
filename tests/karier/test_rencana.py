"""The development plan (IDP): goals and the AKPK gaps it addresses, activities, agreement by
the supervisor, progress as activities complete (also through a coaching session)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jabatan.models import Penempatan, StandarKompetensi
from karier import services
from karier.models import KegiatanPengembangan, RencanaPengembangan
from tests.jabatan.factories import AsesmenFactory, JabatanFactory, KompetensiFactory

TAHUN = timezone.localdate().year


@pytest.fixture
def kesenjangan(org):
    """Siti's position needs Epidemiologi level 3; she was assessed at 2."""
    epi = KompetensiFactory(nama="Epidemiologi")
    jabatan = JabatanFactory(nama="Epidemiolog Ahli Pertama")
    StandarKompetensi.objects.create(jabatan=jabatan, kompetensi=epi, level=3)
    Penempatan.objects.create(pegawai=org.siti, jabatan=jabatan, unit_kerja=org.diskes,
                              jenis="IMPOR")  # fmt: skip
    AsesmenFactory(pegawai=org.siti, kompetensi=epi, level=2)
    return epi


def test_rencana_dari_kesenjangan_akpk_lalu_disepakati(client, org, kesenjangan):
    client.force_login(org.siti.user)
    url = reverse("karier:rencana", args=[org.siti.nip])
    resp = client.get(url)
    assert resp.status_code == 200
    assert "Epidemiologi (level 2 dari 3)" in resp.content.decode()
    assert resp.context["form"].initial["kompetensi"] == [kesenjangan.pk]
    resp = client.post(url, {"tujuan": "Menjadi Ahli Muda", "kompetensi": [kesenjangan.pk]})
    assert resp.status_code == 302
    rencana = RencanaPengembangan.objects.get(pegawai=org.siti, tahun=TAHUN)
    assert list(rencana.kompetensi.all()) == [kesenjangan]
    client.post(reverse("karier:kegiatan-tambah", args=[rencana.pk]),
                {"jenis": "PELATIHAN", "uraian": "Bimtek surveilans"})  # fmt: skip
    client.post(reverse("karier:kegiatan-tambah", args=[rencana.pk]),
                {"jenis": "COACHING", "uraian": "Coaching bulanan"})  # fmt: skip
    assert rencana.kegiatan.count() == 2
    # The employee cannot agree their own plan; the supervisor can.
    client.post(reverse("karier:rencana-setujui", args=[rencana.pk]))
    rencana.refresh_from_db()
    assert rencana.status == "DRAF"
    client.force_login(org.kabid.user)
    client.post(reverse("karier:rencana-setujui", args=[rencana.pk]))
    rencana.refresh_from_db()
    assert (rencana.status, rencana.disetujui_oleh) == ("DISETUJUI", org.kabid)


def test_kemajuan_mengikuti_kegiatan_dan_sesi_coaching(org):
    rencana = services.rencana_simpan(pegawai=org.siti, tahun=TAHUN, tujuan="Tumbuh",
                                      oleh=org.siti.user)  # fmt: skip
    latih = services.kegiatan_tambah(rencana=rencana, jenis="PELATIHAN", uraian="Bimtek",
                                     oleh=org.siti.user)  # fmt: skip
    coaching = services.kegiatan_tambah(rencana=rencana, jenis="COACHING", uraian="Coaching",
                                        oleh=org.kabid.user)  # fmt: skip
    services.kegiatan_tambah(rencana=rencana, jenis="PENUGASAN", uraian="Tim", oleh=org.siti.user)
    services.kegiatan_selesaikan(kegiatan=latih, oleh=org.siti.user)
    services.sesi_pembinaan_catat(
        pembina=org.kabid, pegawai=org.siti, oleh=org.kabid.user,
        data={"jenis": "COACHING", "tanggal": timezone.localdate(), "durasi_menit": 60,
              "topik": "Target", "kegiatan": coaching},
    )  # fmt: skip
    rencana = RencanaPengembangan.objects.with_progres().get(pk=rencana.pk)
    assert (rencana.kegiatan_selesai, rencana.jumlah_kegiatan, rencana.persen) == (2, 3, 67)
    assert KegiatanPengembangan.objects.get(pk=coaching.pk).status == "SELESAI"


def test_rencana_orang_lain_ditolak(client, org):
    with pytest.raises(ValidationError):
        services.rencana_simpan(pegawai=org.siti, tahun=TAHUN, tujuan="x", oleh=org.andi.user)
    client.force_login(org.kabid_disdik.user)
    assert client.get(reverse("karier:rencana", args=[org.siti.nip])).status_code == 404
    client.force_login(org.andi.user)
    assert client.get(reverse("karier:rencana", args=[org.siti.nip])).status_code == 404


def test_mengubah_rencana_yang_disepakati_kembali_draf(org):
    rencana = services.rencana_simpan(pegawai=org.siti, tahun=TAHUN, tujuan="A",
                                      oleh=org.siti.user)  # fmt: skip
    services.kegiatan_tambah(rencana=rencana, jenis="PELATIHAN", uraian="B", oleh=org.siti.user)
    services.rencana_setujui(rencana=rencana, oleh=org.kabid.user)
    rencana = services.rencana_simpan(pegawai=org.siti, tahun=TAHUN, tujuan="C",
                                      oleh=org.siti.user)  # fmt: skip
    assert rencana.status == "DRAF" and rencana.disetujui_oleh is None


def test_rencana_orang_lain_dijawab_404_tanpa_menulis(client, org):
    rencana = services.rencana_simpan(pegawai=org.siti, tahun=TAHUN, tujuan="Tumbuh",
                                      oleh=org.siti.user)  # fmt: skip
    kegiatan = services.kegiatan_tambah(rencana=rencana, jenis="PELATIHAN", uraian="Bimtek",
                                        oleh=org.siti.user)  # fmt: skip
    client.force_login(org.andi.user)  # a colleague, not her supervisor
    tambah = client.post(reverse("karier:kegiatan-tambah", args=[rencana.pk]),
                         {"jenis": "PELATIHAN", "uraian": "Titipan"})  # fmt: skip
    setujui = client.post(reverse("karier:rencana-setujui", args=[rencana.pk]))
    selesai = client.post(reverse("karier:kegiatan-selesai", args=[kegiatan.pk]))
    assert (tambah.status_code, setujui.status_code, selesai.status_code) == (404, 404, 404)
    rencana.refresh_from_db()
    kegiatan.refresh_from_db()
    assert rencana.kegiatan.count() == 1
    assert rencana.status == "DRAF"
    assert kegiatan.tanggal_selesai is None
