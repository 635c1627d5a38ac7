"""`python manage.py rekap_kinerja --bulan YYYY-MM`: the nightly rollup, by hand."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from inti import waktu
from kinerja import rules, services


class Command(BaseCommand):
    help = "Menghitung ulang rekap kinerja bulanan (per pegawai, per RHK, per unit)."

    def add_arguments(self, parser):
        parser.add_argument("--bulan", help="Bulan YYYY-MM (bawaan: bulan ini).")

    def handle(self, *args, **options):
        kode = options["bulan"] or f"{waktu.hari_ini():%Y-%m}"
        try:
            bulan = rules.bulan_awal(kode)
        except rules.AturanError as exc:
            raise CommandError(f"--bulan: {exc}") from None
        hasil = services.rekap_bulan_hitung(bulan=bulan)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rekap {hasil.bulan}: {hasil.pegawai} baris pegawai, {hasil.rhk} baris RHK, "
                f"{hasil.unit} baris unit."
            )
        )
