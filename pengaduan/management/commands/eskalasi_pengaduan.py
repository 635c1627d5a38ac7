"""Run the overdue-complaint escalation by hand (the Celery beat job calls the same service)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from pengaduan.services import pengaduan_eskalasi_terlambat


class Command(BaseCommand):
    help = "Mengirim email eskalasi ke Admin BKD untuk pengaduan yang melewati batas waktu."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini, WIB).")

    def handle(self, *args, **options):
        hari_ini = None
        if options["tanggal"]:
            try:
                hari_ini = date.fromisoformat(options["tanggal"])
            except ValueError:
                raise CommandError("--tanggal harus berformat YYYY-MM-DD.") from None
        jumlah = pengaduan_eskalasi_terlambat(hari_ini=hari_ini)
        self.stdout.write(f"{jumlah} pengaduan terlambat dieskalasi.")
