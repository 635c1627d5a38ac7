"""`python manage.py kirim_survei_pelatihan --tanggal YYYY-MM-DD`: the daily survey job by
hand (the Celery beat job calls the same service)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from inti import waktu
from pelatihan import services


class Command(BaseCommand):
    help = (
        "Membuat undangan survei pascapelatihan yang jatuh tempo pada tanggal tersebut, "
        "mengirim emailnya, dan mengirim pengingat (aman dijalankan berulang)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal YYYY-MM-DD (bawaan: hari ini).")

    def handle(self, *args, **options):
        teks = options["tanggal"]
        try:
            pada = date.fromisoformat(teks) if teks else waktu.hari_ini()
        except ValueError:
            raise CommandError(
                f"--tanggal: {teks!r} bukan tanggal yang sah (format YYYY-MM-DD)."
            ) from None
        hasil = services.survei_harian_jalankan(pada=pada)
        self.stdout.write(
            self.style.SUCCESS(
                f"Survei {hasil.tanggal}: {hasil.undangan_baru} undangan baru, "
                f"{hasil.email_undangan} email undangan, {hasil.email_pengingat} pengingat."
            )
        )
