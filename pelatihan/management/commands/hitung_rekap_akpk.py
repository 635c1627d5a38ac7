"""`python manage.py hitung_rekap_akpk`: recompute the AKPK gap counts per unit by hand
(the nightly Celery beat job calls the same service)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pelatihan import services


class Command(BaseCommand):
    help = (
        "Menghitung ulang rekap kesenjangan kompetensi (AKPK) per unit kerja dan kompetensi "
        "yang dibaca halaman AKPK unit."
    )

    def handle(self, *args, **options):
        n = services.rekap_akpk_hitung()
        self.stdout.write(self.style.SUCCESS(f"Rekap AKPK dihitung: {n} baris."))
