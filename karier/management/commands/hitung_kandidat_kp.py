"""`python manage.py hitung_kandidat_kp [--periode 2026-12]`: recompute the kept kenaikan
pangkat eligible set of a period, or of the next two (what the beat job does)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from karier import pengaturan, rules, services


class Command(BaseCommand):
    help = (
        "Menghitung ulang daftar pegawai yang memenuhi syarat kenaikan pangkat untuk satu "
        "periode, atau dua periode berikutnya."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--periode", default=None, help="YYYY-MM. Bawaan: dua periode berikutnya."
        )

    def handle(self, *args, **options):
        periode = None
        if options["periode"]:
            try:
                periode = pengaturan.periode_kp(options["periode"])
            except rules.AturanError as exc:
                raise CommandError(str(exc)) from None
        for kode, jumlah in services.kandidat_kp_hitung(periode=periode).items():
            self.stdout.write(
                self.style.SUCCESS(f"Periode {kode}: {jumlah} pegawai memenuhi syarat.")
            )
