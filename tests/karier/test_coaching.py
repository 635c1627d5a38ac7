"""Coaching and mentoring: who may coach whom, the duration in the JP ledger (and following
the session when it changes or is removed), the pages, scoping."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from karier import services
from karier.models import PenunjukanMentor, SesiPembinaan
from pelatihan.models import CatatanJP
from pelatihan.selectors import jp_pegawai

HARI_INI = timezone.localdate()


def catat(org, *, pembina=None, pegawai=None, oleh=None, **data) -> SesiPembinaan:
    pembina = pembina or org.kabid
    isi = {"jenis": "COACHING", "tanggal": HARI_INI, "durasi_menit": 90, "topik": "Target SKP"}
    isi.update(data)
    return services.sesi_pembinaan_catat(
        pembina=pembina, pegawai=pegawai or org.siti, oleh=oleh or pembina.user, data=isi
    )


def test_durasi_coaching_masuk_buku_jp(org):
    sesi = catat(org, durasi_menit=90)
    catatan = CatatanJP.objects.get(sumber="karier.coaching", sumber_id=str(sesi.pk))
    assert catatan.pegawai == org.siti
    assert catatan.jp == Decimal("2.00")
    assert catatan.jenis == "COACHING"
    assert catatan.tanggal == HARI_INI
    assert "Target SKP" in catatan.uraian and "Budi Santoso" in catatan.uraian
    assert jp_pegawai(org.siti, tahun=HARI_INI.year).jp == Decimal("2.00")


def test_ubah_sesi_mengubah_baris_jp(org):
    sesi = catat(org, durasi_menit=90)
    services.sesi_pembinaan_ubah(
        sesi=sesi, oleh=org.kabid.user, data={"durasi_menit": 45, "jenis": "MENTORING"}
    )
    catatan = CatatanJP.objects.get(sumber="karier.coaching", sumber_id=str(sesi.pk))
    assert (catatan.jp, catatan.jenis) == (Decimal("1.00"), "MENTORING")
    assert CatatanJP.objects.filter(pegawai=org.siti).count() == 1


def test_hapus_sesi_menarik_jp(org):
    sesi = catat(org)
    services.sesi_pembinaan_hapus(sesi=sesi, oleh=org.kabid.user)
    assert not SesiPembinaan.objects.exists()
    assert not CatatanJP.objects.filter(pegawai=org.siti).exists()


def test_bukan_atasan_tidak_dapat_membina(org):
    with pytest.raises(ValidationError) as exc:
        catat(org, pembina=org.kabid_disdik)
    assert "bukan atasan langsung atau mentor" in exc.value.message_dict["pegawai"][0]
    assert not CatatanJP.objects.exists()


def test_mentor_yang_ditunjuk_dapat_membina(org):
    PenunjukanMentor.objects.create(
        pegawai=org.siti, mentor=org.kabid_disdik, mulai=HARI_INI - timedelta(days=30)
    )
    sesi = catat(org, pembina=org.kabid_disdik, jenis="MENTORING")
    assert sesi.pembina == org.kabid_disdik
    assert CatatanJP.objects.get(sumber_id=str(sesi.pk)).jenis == "MENTORING"


def test_sesi_di_masa_depan_ditolak(org):
    with pytest.raises(ValidationError) as exc:
        catat(org, tanggal=HARI_INI + timedelta(days=1))
    assert "tanggal" in exc.value.message_dict


def test_orang_lain_tidak_dapat_mencatat_atas_nama_atasan(org):
    with pytest.raises(ValidationError):
        catat(org, oleh=org.andi.user)


# --- Pages --------------------------------------------------------------------------------------


def test_atasan_mencatat_sesi_lalu_pegawai_melihatnya(client, org):
    client.force_login(org.kabid.user)
    resp = client.post(
        reverse("karier:sesi-baru"),
        {
            "pegawai": org.siti.pk,
            "jenis": "COACHING",
            "tanggal": HARI_INI.isoformat(),
            "durasi_menit": 135,
            "topik": "Analisis data surveilans",
            "kesepakatan": "Menyusun dasbor mingguan",
            "tindak_lanjut_tanggal": (HARI_INI + timedelta(days=14)).isoformat(),
        },
    )
    assert resp.status_code == 302
    assert resp["Location"] == reverse("karier:pegawai", args=[org.siti.nip])
    client.force_login(org.siti.user)
    halaman = client.get(reverse("karier:saya")).content.decode()
    assert "Analisis data surveilans" in halaman
    assert "Menyusun dasbor mingguan" in halaman
    assert 'data-testid="jp-total">3<' in halaman  # 135 minutes = 3 JP


def test_form_hanya_menawarkan_bawahan(client, org):
    client.force_login(org.kabid.user)
    resp = client.post(
        reverse("karier:sesi-baru"),
        {"pegawai": org.rizki.pk, "jenis": "COACHING", "tanggal": HARI_INI.isoformat(),
         "durasi_menit": 60, "topik": "x"},
    )  # fmt: skip
    assert resp.status_code == 400
    assert "Pilih bawahan langsung atau pegawai binaan Anda." in resp.content.decode()
    assert not SesiPembinaan.objects.exists()


def test_staf_tanpa_bawahan_tidak_dapat_membuka_form(client, org):
    client.force_login(org.siti.user)
    assert client.get(reverse("karier:sesi-baru")).status_code == 404


def test_sesi_orang_lain_404(client, org):
    sesi = catat(org)
    client.force_login(org.kabid_disdik.user)
    assert client.get(reverse("karier:sesi-ubah", args=[sesi.pk])).status_code == 404
    assert client.post(reverse("karier:sesi-hapus", args=[sesi.pk])).status_code == 404
    assert SesiPembinaan.objects.filter(pk=sesi.pk).exists()


def test_hapus_dari_halaman(client, org):
    sesi = catat(org)
    client.force_login(org.kabid.user)
    resp = client.post(reverse("karier:sesi-hapus", args=[sesi.pk]))
    assert resp.status_code == 302
    assert not CatatanJP.objects.exists()


def test_halaman_karier_di_luar_lingkup_404(client, org):
    client.force_login(org.kabid_disdik.user)
    assert client.get(reverse("karier:pegawai", args=[org.siti.nip])).status_code == 404
    client.force_login(org.operator_diskes)
    assert client.get(reverse("karier:pegawai", args=[org.rizki.nip])).status_code == 404
    assert client.get(reverse("karier:pegawai", args=[org.siti.nip])).status_code == 200


def test_admin_hr_mencatat_sesi_lewat_admin(client, org):
    client.force_login(org.hr)
    resp = client.post(
        reverse("admin:karier_sesipembinaan_add"),
        {"jenis": "MENTORING", "pembina": org.kabid.pk, "pegawai": org.andi.pk,
         "tanggal": HARI_INI.strftime("%d-%m-%Y"), "durasi_menit": 45, "topik": "Orientasi"},
    )  # fmt: skip
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    assert CatatanJP.objects.get(pegawai=org.andi).jp == Decimal("1.00")
    resp = client.post(
        reverse("admin:karier_sesipembinaan_add"),
        {"jenis": "MENTORING", "pembina": org.kabid_disdik.pk, "pegawai": org.andi.pk,
         "tanggal": HARI_INI.strftime("%d-%m-%Y"), "durasi_menit": 45, "topik": "Orientasi"},
    )  # fmt: skip
    assert resp.status_code == 200
    assert "bukan atasan langsung atau mentor" in resp.content.decode()
