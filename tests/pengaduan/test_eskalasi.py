"""Overdue escalation: the service, the Celery task, the command and the beat entry."""

from __future__ import annotations

from datetime import date
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from pengaduan import services
from pengaduan.demo import isi_demo
from pengaduan.jadwal import NAMA_TUGAS_ESKALASI, TUGAS_ESKALASI, jadwal_siapkan
from pengaduan.models import Pengaduan, Status, SurveiKepuasan
from pengaduan.resources import netralkan_formula
from pengaduan.tasks import eskalasi_pengaduan_terlambat

from .factories import PengaduanFactory

pytestmark = pytest.mark.django_db

HARI_INI = date(2026, 1, 20)


@pytest.fixture
def kasus(org):
    org.admin.email = "admin.bkd@lampungprov.go.id"
    org.admin.save()
    return {
        "belum_diverifikasi": PengaduanFactory(
            unit_kerja=org.diskes, batas_waktu=date(2026, 1, 19), judul="Telat verifikasi"
        ),
        "belum_ditindaklanjuti": PengaduanFactory(
            unit_kerja=org.yankes, status=Status.DIVERIFIKASI, batas_waktu=date(2026, 1, 15)
        ),
        "hari_ini": PengaduanFactory(batas_waktu=HARI_INI),  # due today: not late yet
        "selesai": PengaduanFactory(status=Status.SELESAI, batas_waktu=date(2026, 1, 1)),
        "ditindaklanjuti": PengaduanFactory(
            status=Status.DITINDAKLANJUTI, batas_waktu=date(2026, 1, 1)
        ),
    }


def test_eskalasi_sekali_per_batas_waktu(org, kasus):
    assert services.pengaduan_eskalasi_terlambat(hari_ini=HARI_INI) == 2
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["admin.bkd@lampungprov.go.id"]
    assert "2 pengaduan melewati batas waktu" in email.subject
    assert kasus["belum_diverifikasi"].kode in email.body
    assert kasus["belum_ditindaklanjuti"].kode in email.body
    assert kasus["hari_ini"].kode not in email.body

    # Idempotent: a re-run (or a re-delivered task) sends nothing new.
    assert services.pengaduan_eskalasi_terlambat(hari_ini=HARI_INI) == 0
    assert eskalasi_pengaduan_terlambat("2026-01-21") == 1  # "hari_ini" is now late
    assert len(mail.outbox) == 2

    # A new deadline that is missed again is escalated again.
    Pengaduan.objects.filter(pk=kasus["belum_diverifikasi"].pk).update(
        status=Status.DIVERIFIKASI, batas_waktu=date(2026, 1, 26)
    )
    assert services.pengaduan_eskalasi_terlambat(hari_ini=date(2026, 1, 27)) == 1


def test_email_gagal_tidak_menandai_terkirim(org, kasus, monkeypatch):
    def gagal(**kwargs):
        raise SMTPException("server mati")

    monkeypatch.setattr(services, "send_mail", gagal)
    with pytest.raises(SMTPException):
        services.pengaduan_eskalasi_terlambat(hari_ini=HARI_INI)
    assert not Pengaduan.objects.exclude(dieskalasi_untuk=None).exists()


def test_perintah_manajemen(org, kasus):
    out = StringIO()
    call_command("eskalasi_pengaduan", "--tanggal", "2026-01-20", stdout=out)
    assert "2 pengaduan terlambat dieskalasi." in out.getvalue()
    assert len(mail.outbox) == 1


def test_jadwal_beat_dibuat_sekali_dan_tidak_menimpa_suntingan():
    # post_migrate already ran when the test database was built.
    tugas = PeriodicTask.objects.get(name=NAMA_TUGAS_ESKALASI)
    assert tugas.task == TUGAS_ESKALASI and tugas.enabled
    assert (tugas.crontab.hour, tugas.crontab.day_of_week) == ("7", "1-5")
    tugas.enabled = False
    tugas.save()
    jadwal_siapkan()
    jadwal_siapkan()
    assert PeriodicTask.objects.filter(name=NAMA_TUGAS_ESKALASI).count() == 1
    assert not PeriodicTask.objects.get(name=NAMA_TUGAS_ESKALASI).enabled


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("=1+1", "'=1+1"),
        ("+62812", "'+62812"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Biasa", "Biasa"),
        (5, 5),
    ],
)
def test_formula_dinetralkan(nilai, hasil):
    assert netralkan_formula(nilai) == hasil


def test_demo_idempoten(unit_lampung):
    from django.contrib.auth.models import User

    from pegawai.models import UnitKerja
    from pegawai.services import operator_opd_atur

    operator_opd_atur(
        user=User.objects.create(username="operator.diskes"),
        unit_kerja=UnitKerja.objects.get(kode="DISKES"),
    )
    isi_demo()
    isi_demo()
    # Every state, two of them past their deadline (no admin here: Dinas Kesehatan's only).
    status = set(Pengaduan.objects.values_list("status", flat=True))
    assert status == set(Status.values)
    assert Pengaduan.objects.count() == 8
    assert Pengaduan.objects.terlambat(timezone.localdate()).count() == 2
    assert SurveiKepuasan.objects.count() == 12 + 14 + 10 + 15 + 12 + 10
