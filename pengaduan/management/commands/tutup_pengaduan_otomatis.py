"""Close by hand the complaints whose reporter did not answer a follow-up within 10 working
days (the Celery beat job calls the same service; running both is harmless)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from pengaduan.services import pengaduan_tutup_otomatis


class Command(BaseCommand):
    help = (
        "Menutup otomatis pengaduan yang tindak lanjutnya tidak ditanggapi pelapor dalam "
        "10 hari kerja."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini, WIB).")

    def handle(self, *args, **options):
        hari_ini = None
        if options["tanggal"]:
            try:
                hari_ini = date.fromisoformat(options["tanggal"])
            except ValueError:
                raise CommandError("--tanggal harus berformat YYYY-MM-DD.") from None
        jumlah = pengaduan_tutup_otomatis(hari_ini=hari_ini)
        self.stdout.write(f"{jumlah} pengaduan ditutup otomatis.")
