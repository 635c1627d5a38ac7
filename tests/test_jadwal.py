"""HR's schedule page: each periodic job in words, presets with validation, last run and its
result; the raw django-celery-beat admin only for superusers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from asn_hr.jadwal import hasil_tugas_catat, jadwal_kata
from tests.factories import PegawaiFactory, UnitKerjaFactory, UserFactory, admin_bkd, operator

pytestmark = pytest.mark.django_db


def tugas_cron(nama="uji", *, menit="30", jam="1", hari="*", tanggal="*") -> PeriodicTask:
    cron, _ = CrontabSchedule.objects.get_or_create(
        minute=menit,
        hour=jam,
        day_of_week=hari,
        day_of_month=tanggal,
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    return PeriodicTask.objects.create(name=nama, task=f"uji.{nama}", crontab=cron)


@pytest.mark.parametrize(
    ("kw", "kata"),
    [
        ({}, "setiap hari pukul 01.30"),
        ({"hari": "1-5", "jam": "7", "menit": "0"}, "setiap hari kerja (Senin–Jumat) pukul 07.00"),
        ({"hari": "1", "jam": "6", "menit": "15"}, "setiap hari Senin pukul 06.15"),
        ({"hari": "0"}, "setiap hari Minggu pukul 01.30"),
        ({"tanggal": "1"}, "setiap bulan tanggal 1 pukul 01.30"),
        ({"menit": "*", "jam": "*"}, "jadwal khusus (cron: * * * * *)"),
    ],
)
def test_jadwal_dalam_kata(kw, kata):
    assert jadwal_kata(tugas_cron(**kw)) == kata


def test_jadwal_interval_dalam_kata():
    iv = IntervalSchedule.objects.create(every=15, period="minutes")
    assert jadwal_kata(PeriodicTask.objects.create(name="i", task="x", interval=iv)) == (
        "setiap 15 menit"
    )


def test_halaman_menampilkan_jadwal_terakhir_dan_hasil(client):
    t = tugas_cron("rekap")
    t.last_run_at = timezone.now()
    t.save()
    hasil_tugas_catat(task="uji.rekap", berhasil=False, ringkasan="Basis data tidak tersedia")
    client.force_login(admin_bkd())
    html = client.get(reverse("jadwal-daftar")).content.decode()
    assert "setiap hari pukul 01.30" in html
    assert "Gagal" in html and "Basis data tidak tersedia" in html
    assert "Belum pernah" not in html.split('data-tugas="rekap"')[1].split("</tr>")[0]


def test_ubah_jadwal_dengan_pola_dan_validasi(client):
    t = tugas_cron("rekap")
    client.force_login(admin_bkd())
    url = reverse("jadwal-ubah", args=[t.pk])
    assert 'value="01:30"' in client.get(url).content.decode()
    # Weekly without a day, monthly past the 28th, no time: refused, nothing changes.
    resp = client.post(url, {"preset": "mingguan", "pukul": "02:00", "aktif": "on"})
    assert "Pilih hari untuk pola mingguan." in resp.content.decode()
    resp = client.post(url, {"preset": "bulanan", "pukul": "02:00", "tanggal": "29"})
    assert (
        "kurang dari atau sama dengan 28" in resp.content.decode() or "28" in resp.content.decode()
    )
    resp = client.post(url, {"preset": "harian", "pukul": ""})
    assert resp.status_code == 200
    t.refresh_from_db()
    assert jadwal_kata(t) == "setiap hari pukul 01.30"
    # A working-day preset at 07.00.
    resp = client.post(url, {"preset": "hari_kerja", "pukul": "07:00", "aktif": "on"}, follow=True)
    assert "sekarang setiap hari kerja (Senin–Jumat) pukul 07.00" in resp.content.decode()
    t.refresh_from_db()
    assert t.enabled and t.crontab.timezone.key == "Asia/Jakarta"


def test_hanya_admin_bkd_dan_admin_mentah_hanya_superuser(client):
    t = tugas_cron("rekap")
    unit = UnitKerjaFactory()
    client.force_login(operator(unit))
    assert client.get(reverse("jadwal-daftar")).status_code == 403
    client.force_login(PegawaiFactory(unit_kerja=unit).user)
    assert client.post(reverse("jadwal-ubah", args=[t.pk]), {}).status_code == 403
    client.force_login(admin_bkd())
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403
    assert "django_celery_beat" not in client.get("/admin/").content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 200


def test_grup_admin_bkd_tanpa_izin_beat_mentah_dan_jadwal_tetap_terbuka(client):
    from django.contrib.auth.models import Group, Permission

    from pegawai.services import GRUP_ADMIN_BKD, grup_peran_siapkan

    # A database set up before issue 15 gave the group every django-celery-beat permission.
    grup, _ = Group.objects.get_or_create(name=GRUP_ADMIN_BKD)
    grup.permissions.add(*Permission.objects.filter(content_type__app_label="django_celery_beat"))
    grup_peran_siapkan()
    grup_peran_siapkan()  # idempotent
    assert not grup.permissions.filter(content_type__app_label="django_celery_beat").exists()
    assert grup.permissions.filter(codename="view_pegawai").exists()
    t = tugas_cron("rekap")
    pengguna = admin_bkd()
    assert not any(p.startswith("django_celery_beat.") for p in pengguna.get_all_permissions())
    client.force_login(pengguna)
    assert "setiap hari pukul 01.30" in client.get(reverse("jadwal-daftar")).content.decode()
    resp = client.post(reverse("jadwal-ubah", args=[t.pk]), {"preset": "harian", "pukul": "02:00"})
    assert resp.status_code == 302
    t.refresh_from_db()
    assert t.crontab.hour == "2" and not t.enabled
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403


def test_pola_beberapa_menit_untuk_tugas_interval(client):
    iv, _ = IntervalSchedule.objects.get_or_create(every=10, period=IntervalSchedule.MINUTES)
    t = PeriodicTask.objects.create(name="segar", task="uji.segar", interval=iv, enabled=True)
    client.force_login(admin_bkd())
    url = reverse("jadwal-ubah", args=[t.pk])
    # The form opens on the job's own pattern, not on a daily one.
    html = client.get(url).content.decode()
    assert re.search(r'<input type="radio" name="preset" value="menit"[^>]*checked', html)
    assert 'name="menit" value="10"' in html
    # Bounds: 5 and 60 accepted, 4 and 61 refused, empty refused with the field named.
    for salah in ("4", "61", ""):
        resp = client.post(url, {"preset": "menit", "menit": salah, "aktif": "on"})
        assert resp.status_code == 200, salah
    t.refresh_from_db()
    assert jadwal_kata(t) == "setiap 10 menit"
    assert "Isi setiap berapa menit" in client.post(url, {"preset": "menit"}).content.decode()
    for benar in ("5", "60"):
        resp = client.post(url, {"preset": "menit", "menit": benar, "aktif": "on"}, follow=True)
        assert f"sekarang setiap {benar} menit" in resp.content.decode()
    t.refresh_from_db()
    assert t.crontab is None and t.enabled
    # A daily preset still needs its time; the interval job can move to a daily one.
    resp = client.post(url, {"preset": "harian", "pukul": ""})
    assert "Isi pukul berapa" in resp.content.decode()
    client.post(url, {"preset": "harian", "pukul": "03:15", "aktif": "on"})
    t.refresh_from_db()
    assert t.interval is None and jadwal_kata(t) == "setiap hari pukul 03.15"
