"""`python manage.py petakan_talenta --tahun 2026`: recompute the talent map of a year."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inti import waktu
from karier import services


class Command(BaseCommand):
    help = "Menghitung ulang peta talenta (9 kotak) satu tahun dari predikat dan potensi."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, default=None, help="Bawaan: tahun ini.")

    def handle(self, *args, **options):
        tahun = options["tahun"] or waktu.tahun_ini()
        jumlah = services.talenta_petakan(tahun=tahun)
        self.stdout.write(self.style.SUCCESS(f"Peta talenta {tahun}: {jumlah} pegawai dipetakan."))
