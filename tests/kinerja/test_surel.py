"""Mails: a returned report queues the day's digest after commit (at most one a day per
employee), an appraisal queues a notice; nothing is queued when the transaction rolls back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja import services, tasks
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db


@pytest.fixture
def antrean(monkeypatch):
    """Capture what would be sent to the broker."""
    masuk: list[tuple[str, tuple]] = []
    monkeypatch.setattr(
        tasks.kirim_ringkasan_laporan_dikembalikan,
        "apply_async",
        lambda args, countdown=None: masuk.append(("ringkasan", args)),
    )
    monkeypatch.setattr(
        tasks.kirim_surel_penilaian, "delay", lambda *args: masuk.append(("penilaian", args))
    )
    return masuk


def test_kembalikan_mengantrekan_ringkasan_setelah_commit(
    org, antrean, django_capture_on_commit_callbacks
):
    laporan = lapor(org.staf1, org.rhk1, timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_kembalikan(laporan=laporan, oleh=org.kabid.user, catatan="Kurang bukti")
    assert antrean == [("ringkasan", (org.staf1.pk, timezone.localdate().isoformat()))]


def test_kembalikan_yang_gagal_tidak_mengantrekan(org, antrean, django_capture_on_commit_callbacks):
    laporan = lapor(org.staf1, org.rhk1, timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError):
            services.laporan_kembalikan(laporan=laporan, oleh=org.kabid.user, catatan="  ")
    assert antrean == []


def test_ringkasan_paling_banyak_sekali_sehari(org):
    org.staf1.email = "siti@example.com"
    org.staf1.save()
    hari_ini = timezone.localdate()
    a = lapor(org.staf1, org.rhk1, hari_ini - timedelta(days=8), status="DIKEMBALIKAN")
    a.catatan_atasan = "Lampirkan notulen"
    a.save()
    lapor(org.staf1, org.rhk1, hari_ini, status="DIKEMBALIKAN")
    assert services.surel_laporan_dikembalikan_kirim(pegawai_id=org.staf1.pk, tanggal=hari_ini)
    assert not services.surel_laporan_dikembalikan_kirim(pegawai_id=org.staf1.pk, tanggal=hari_ini)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@example.com"]
    assert mail.outbox[0].subject.startswith("2 laporan harian dikembalikan")
    assert "Lampirkan notulen" in mail.outbox[0].body
    # The next day is another digest.
    besok = hari_ini + timedelta(days=1)
    assert services.surel_laporan_dikembalikan_kirim(pegawai_id=org.staf1.pk, tanggal=besok)
    assert len(mail.outbox) == 2


def test_ringkasan_tanpa_laporan_dikembalikan_tidak_dikirim(org):
    org.staf1.email = "siti@example.com"
    org.staf1.save()
    lapor(org.staf1, org.rhk1, timezone.localdate(), status="DIAJUKAN")  # already corrected
    assert not services.surel_laporan_dikembalikan_kirim(
        pegawai_id=org.staf1.pk, tanggal=timezone.localdate()
    )
    assert mail.outbox == []


def test_surel_gagal_tidak_menandai_terkirim(org, monkeypatch):
    from kinerja.models import SurelTerkirim
    from kinerja.services import notifikasi

    org.staf1.email = "siti@example.com"
    org.staf1.save()
    lapor(org.staf1, org.rhk1, timezone.localdate(), status="DIKEMBALIKAN")

    def gagal(*a, **k):
        raise ConnectionError("smtp mati")

    monkeypatch.setattr(notifikasi, "send_mail", gagal)
    with pytest.raises(ConnectionError):
        with transaction.atomic():
            services.surel_laporan_dikembalikan_kirim(
                pegawai_id=org.staf1.pk, tanggal=timezone.localdate()
            )
    assert not SurelTerkirim.objects.exists()  # the retry will send it


def test_penilaian_mengantrekan_pemberitahuan_dan_isi_surelnya(
    org, antrean, django_capture_on_commit_callbacks
):
    from tests.kinerja.test_penilaian import isian

    org.staf1.email = "siti@example.com"
    org.staf1.save()
    data = isian(org)
    with django_capture_on_commit_callbacks(execute=True):
        p = services.penilaian_buat(
            penilai=org.kabid,
            pegawai=org.staf1,
            periode=data["periode"],
            rating_hasil_kerja="DI_ATAS",
            rating_perilaku="SESUAI",
            umpan_balik="Baik",
        )
    assert antrean == [("penilaian", (p.pk,))]
    assert services.surel_penilaian_kirim(penilaian_id=p.pk)
    assert mail.outbox[0].to == ["siti@example.com"]
    assert "Baik" in mail.outbox[0].body
    assert f"/kinerja/penilaian/{p.pk}/" in mail.outbox[0].body
