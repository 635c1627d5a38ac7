"""HR's page for the periodic jobs: each schedule in words, presets instead of cron syntax,
the last run and how it ended. The raw django-celery-beat admin stays for superusers.

Schedules are django-celery-beat crontab rows in Asia/Jakarta (created by `inti.jadwal`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from .models import HasilTugas

ZONA = "Asia/Jakarta"
HARI = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]  # cron: 0 = Sunday
HARI_KERJA = {"1-5", "mon-fri", "1,2,3,4,5"}

PRESET = [
    ("menit", "Setiap beberapa menit"),
    ("harian", "Setiap hari"),
    ("hari_kerja", "Setiap hari kerja (Senin–Jumat)"),
    ("mingguan", "Setiap minggu, pada hari tertentu"),
    ("bulanan", "Setiap bulan, pada tanggal tertentu"),
]


def _jam(jam: str, menit: str) -> str | None:
    if jam.isdigit() and menit.isdigit():
        return f"{int(jam):02d}.{int(menit):02d}"
    return None


def _khusus(c: CrontabSchedule) -> str:
    cron = f"{c.minute} {c.hour} {c.day_of_month} {c.month_of_year} {c.day_of_week}"
    return f"jadwal khusus (cron: {cron})"


def jadwal_kata(tugas: PeriodicTask) -> str:
    """The schedule as HR says it: "setiap hari pukul 01.30"."""
    if tugas.interval_id:
        iv = tugas.interval
        satuan = {"days": "hari", "hours": "jam", "minutes": "menit", "seconds": "detik"}
        return f"setiap {iv.every} {satuan.get(iv.period, iv.period)}"
    c = tugas.crontab
    if c is None:
        return "jadwal khusus"
    pukul = _jam(c.hour, c.minute)
    if pukul is None or c.month_of_year != "*":
        return _khusus(c)
    if c.day_of_month != "*" and c.day_of_week == "*" and c.day_of_month.isdigit():
        return f"setiap bulan tanggal {int(c.day_of_month)} pukul {pukul}"
    if c.day_of_month == "*":
        if c.day_of_week == "*":
            return f"setiap hari pukul {pukul}"
        if c.day_of_week.lower() in HARI_KERJA:
            return f"setiap hari kerja (Senin–Jumat) pukul {pukul}"
        if c.day_of_week.isdigit() and 0 <= int(c.day_of_week) <= 6:
            return f"setiap hari {HARI[int(c.day_of_week)]} pukul {pukul}"
    return _khusus(c)


@dataclass
class BarisJadwal:
    tugas: PeriodicTask
    kata: str
    hasil: HasilTugas | None


def jadwal_daftar() -> list[BarisJadwal]:
    """Every periodic job with its schedule in words and its last result (two queries)."""
    tugas = list(
        PeriodicTask.objects.select_related("crontab", "interval")
        .exclude(name="celery.backend_cleanup")
        .order_by("name")
    )
    hasil = {h.task: h for h in HasilTugas.objects.filter(task__in=[t.task for t in tugas])}
    return [BarisJadwal(t, jadwal_kata(t), hasil.get(t.task)) for t in tugas]


class FormJadwal(forms.Form):
    preset = forms.ChoiceField(label="Pola", choices=PRESET, widget=forms.RadioSelect)
    pukul = forms.TimeField(
        label="Pukul (WIB)",
        required=False,
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        help_text="Misalnya 01:30. Pilih jam sepi: tugas malam menghitung ulang data besar.",
    )
    hari = forms.TypedChoiceField(
        label="Hari (untuk pola mingguan)",
        choices=[(i, h) for i, h in enumerate(HARI)],
        coerce=int,
        required=False,
    )
    tanggal = forms.IntegerField(
        label="Tanggal (untuk pola bulanan)",
        min_value=1,
        max_value=28,
        required=False,
        help_text="1–28, agar ada di setiap bulan.",
    )
    menit = forms.IntegerField(
        label="Setiap berapa menit (untuk pola beberapa menit)",
        min_value=5,
        max_value=60,
        required=False,
        help_text="5–60 menit. Tugas yang sering berjalan harus ringan, mis. penyegaran rekap.",
    )
    aktif = forms.BooleanField(label="Aktif", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("preset") == "menit":
            if not data.get("menit") and "menit" not in self.errors:
                self.add_error("menit", "Isi setiap berapa menit (5–60) untuk pola beberapa menit.")
            return data
        if data.get("pukul") is None and "pukul" not in self.errors:
            self.add_error("pukul", "Isi pukul berapa tugas dijalankan.")
        if data.get("preset") == "mingguan" and data.get("hari") in (None, ""):
            self.add_error("hari", "Pilih hari untuk pola mingguan.")
        if data.get("preset") == "bulanan" and not data.get("tanggal"):
            self.add_error("tanggal", "Isi tanggal 1–28 untuk pola bulanan.")
        return data

    @classmethod
    def dari_tugas(cls, tugas: PeriodicTask) -> FormJadwal:
        c = tugas.crontab
        awal: dict[str, Any] = {"aktif": tugas.enabled, "preset": "harian"}
        iv = tugas.interval
        if iv is not None and iv.period == IntervalSchedule.MINUTES:
            awal.update(preset="menit", menit=iv.every)
        if c is not None and c.hour.isdigit() and c.minute.isdigit():
            awal["pukul"] = f"{int(c.hour):02d}:{int(c.minute):02d}"
            if c.day_of_week.lower() in HARI_KERJA:
                awal["preset"] = "hari_kerja"
            elif c.day_of_week.isdigit():
                awal.update(preset="mingguan", hari=int(c.day_of_week))
            elif c.day_of_month.isdigit():
                awal.update(preset="bulanan", tanggal=int(c.day_of_month))
        return cls(initial=awal)


@transaction.atomic
def jadwal_ubah(*, tugas: PeriodicTask, data: dict[str, Any], oleh: Any) -> PeriodicTask:
    """Point the job at the schedule of the chosen preset (shared rows, get_or_create)."""
    if data["preset"] == "menit":
        tugas.interval, tugas.crontab = _interval(data), None
    else:
        tugas.crontab, tugas.interval = _crontab(data), None
    tugas.enabled = bool(data.get("aktif"))
    tugas.full_clean()
    tugas.save()
    return tugas


def _interval(data: dict[str, Any]) -> IntervalSchedule:
    if not data.get("menit"):
        raise ValidationError({"menit": "Isi setiap berapa menit (5–60)."})
    jadwal, _ = IntervalSchedule.objects.get_or_create(
        every=data["menit"], period=IntervalSchedule.MINUTES
    )
    return jadwal


def _crontab(data: dict[str, Any]) -> CrontabSchedule:
    pukul = data.get("pukul")
    if pukul is None:
        raise ValidationError({"pukul": "Isi pukul berapa tugas dijalankan."})
    hari, tanggal = "*", "*"
    if data["preset"] == "hari_kerja":
        hari = "1-5"
    elif data["preset"] == "mingguan":
        hari = str(data["hari"])
    elif data["preset"] == "bulanan":
        tanggal = str(data["tanggal"])
    jadwal, _ = CrontabSchedule.objects.get_or_create(
        minute=str(pukul.minute),
        hour=str(pukul.hour),
        day_of_week=hari,
        day_of_month=tanggal,
        month_of_year="*",
        timezone=ZONA,
    )
    return jadwal


def hasil_tugas_catat(*, task: str, berhasil: bool, ringkasan: str, pada: datetime | None = None):
    """Record how a task ended (called by the worker's Celery signals)."""
    HasilTugas.objects.update_or_create(
        task=task,
        defaults={
            "berhasil": berhasil,
            "ringkasan": ringkasan[:500],
            "selesai": pada or timezone.now(),
        },
    )
