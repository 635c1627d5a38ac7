"""A complaint whose follow-up was posted closes by itself after 10 working days without the
reporter's reply (DOMAIN.md §6, SP4N-LAPOR!): the rule on each side of the deadline, with the
shipped holidays; idempotent service, task, command and beat entry; the timeline says why;
the reporter can still rate it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from hypothesis import given
from hypothesis import strategies as st

from pengaduan import rules, services
from pengaduan.data_libur import HARI_LIBUR
from pengaduan.models import Pengaduan, Status, Tanggapan
from pengaduan.tasks import tutup_pengaduan_otomatis

from .conftest import WIB
from .factories import PengaduanFactory

pytestmark = pytest.mark.django_db

LIBUR = {t for t, *_ in HARI_LIBUR}


def ditindaklanjuti(pada: date, **kw) -> Pengaduan:
    return PengaduanFactory(
        status=Status.DITINDAKLANJUTI, batas_waktu=None,
        ditindaklanjuti_pada=datetime(pada.year, pada.month, pada.day, 14, 0, tzinfo=WIB), **kw,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("tindak", "batas"),
    [
        (date(2026, 1, 5), date(2026, 1, 20)),  # Isra Mikraj (Fri 16 Jan) is skipped
        (date(2026, 1, 2), date(2026, 1, 19)),  # follow-up on a Friday
        (date(2026, 1, 3), date(2026, 1, 19)),  # on a Saturday: Monday is the first day
        (date(2026, 1, 4), date(2026, 1, 19)),  # on a Sunday: closes 13 days later
        (date(2026, 3, 13), date(2026, 4, 6)),  # Nyepi, Idul Fitri, cuti bersama, Good Friday
        (date(2026, 12, 14), date(2026, 12, 30)),  # cuti bersama and Natal
    ],
)
def test_batas_waktu_pelapor_dengan_hari_libur_bawaan(tindak, batas):
    assert rules.batas_tanggapan_pelapor(tindak, LIBUR) == batas
    kw = {"status": Status.DITINDAKLANJUTI, "ditindaklanjuti": tindak, "ada_balasan": False,
          "libur": LIBUR}  # fmt: skip
    assert not rules.tutup_otomatis(hari_ini=batas - timedelta(days=1), **kw)
    assert not rules.tutup_otomatis(hari_ini=batas, **kw)  # the 10th working day: still open
    assert rules.tutup_otomatis(hari_ini=batas + timedelta(days=1), **kw)


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.DITINDAKLANJUTI])
def test_hanya_pengaduan_yang_ditindaklanjuti_yang_ditutup(status):
    assert not rules.tutup_otomatis(
        status=status, ditindaklanjuti=date(2026, 1, 5), ada_balasan=False,
        hari_ini=date(2027, 1, 1), libur=LIBUR,
    )  # fmt: skip


def test_balasan_membuatnya_tetap_terbuka():
    assert not rules.tutup_otomatis(
        status=Status.DITINDAKLANJUTI, ditindaklanjuti=date(2026, 1, 5), ada_balasan=True,
        hari_ini=date(2027, 1, 1), libur=LIBUR,
    )  # fmt: skip


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)))
def test_batas_waktu_sepuluh_hari_kerja_kemudian_dan_jatuh_pada_hari_kerja(tindak):
    batas = rules.batas_tanggapan_pelapor(tindak, LIBUR)
    # The service only looks at follow-ups at least 13 days old: the first closing day
    # (the day after the deadline) is never sooner (a Sunday follow-up closes on day 13).
    assert batas + timedelta(days=1) >= tindak + timedelta(days=13)
    assert rules.hari_kerja(batas, LIBUR)
    hari = [tindak + timedelta(days=i) for i in range(1, (batas - tindak).days + 1)]
    assert sum(rules.hari_kerja(h, LIBUR) for h in hari) == 10


def test_service_menutup_sekali_menjelaskan_dan_pelapor_boleh_menilai(
    client, org, django_capture_on_commit_callbacks
):
    lama = ditindaklanjuti(date(2026, 1, 5), unit_kerja=org.diskes)
    masih = ditindaklanjuti(date(2026, 1, 6), unit_kerja=org.diskes)  # deadline 21 Jan
    dibalas = ditindaklanjuti(date(2026, 1, 5), unit_kerja=org.diskes)
    Tanggapan.objects.create(pengaduan=dibalas, isi="Belum beres", dari_pelapor=True,
                             dibuat=datetime(2026, 1, 7, 9, tzinfo=WIB))  # fmt: skip
    assert services.pengaduan_tutup_otomatis(hari_ini=date(2026, 1, 20)) == 0  # on the day
    with django_capture_on_commit_callbacks(execute=True):
        assert services.pengaduan_tutup_otomatis(hari_ini=date(2026, 1, 21)) == 1
    assert services.pengaduan_tutup_otomatis(hari_ini=date(2026, 1, 21)) == 0  # idempotent
    lama.refresh_from_db(), masih.refresh_from_db(), dibalas.refresh_from_db()
    assert (lama.status, masih.status, dibalas.status) == (
        Status.SELESAI, Status.DITINDAKLANJUTI, Status.DITINDAKLANJUTI
    )
    [t] = lama.tanggapan.filter(otomatis=True)
    assert t.isi == (
        "Pengaduan ditutup otomatis: tindak lanjut disampaikan pada 05-01-2026 dan pelapor "
        "tidak menanggapi dalam 10 hari kerja (sampai 20-01-2026). Pelapor tetap dapat "
        "memberi penilaian atau membuka kembali pengaduan."
    )
    assert (t.status_sebelum, t.status_sesudah, t.publik) == (
        Status.DITINDAKLANJUTI, Status.SELESAI, True
    )
    assert [m.subject for m in mail.outbox] == [f"Tanggapan baru untuk pengaduan {lama.kode}"]
    html = client.get(reverse("pengaduan:lacak", args=[lama.kode])).content.decode()
    assert "Sistem" in html and "ditutup otomatis" in html
    assert services.pengaduan_nilai(pengaduan=lama, nilai=4).penilaian == 4


def test_tindak_lanjut_hari_minggu_ditutup_tiga_belas_hari_kemudian():
    p = ditindaklanjuti(date(2026, 1, 4))
    assert services.pengaduan_tutup_otomatis(hari_ini=date(2026, 1, 19)) == 0
    assert services.pengaduan_tutup_otomatis(hari_ini=date(2026, 1, 20)) == 1
    p.refresh_from_db()
    assert p.status == Status.SELESAI


def test_tugas_dan_perintah_menjalankan_service_yang_sama(org):
    p = ditindaklanjuti(date(2026, 1, 5))
    q = ditindaklanjuti(date(2026, 1, 5))
    assert tutup_pengaduan_otomatis("2026-01-20") == 0
    assert tutup_pengaduan_otomatis("2026-01-21") == 2
    Pengaduan.objects.filter(pk=q.pk).update(status=Status.DITINDAKLANJUTI)
    out = StringIO()
    call_command("tutup_pengaduan_otomatis", "--tanggal", "2026-01-21", stdout=out)
    assert out.getvalue().strip() == "1 pengaduan ditutup otomatis."
    assert Pengaduan.objects.get(pk=p.pk).tanggapan.filter(otomatis=True).count() == 1


def test_perintah_menolak_tanggal_salah():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("tutup_pengaduan_otomatis", "--tanggal", "21-01-2026")


def test_entri_beat_dibuat_oleh_migrasi_data():
    tugas = PeriodicTask.objects.get(task="pengaduan.tasks.tutup_pengaduan_otomatis")
    assert tugas.enabled and tugas.crontab.timezone.key == "Asia/Jakarta"
