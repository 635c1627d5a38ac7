"""`python manage.py rekap_kinerja --bulan YYYY-MM`: the nightly rollup, by hand;
`--segarkan`: the incremental refresh the beat runs every 10 minutes."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from inti import waktu
from kinerja import rules, services


class Command(BaseCommand):
    help = "Menghitung ulang rekap kinerja bulanan (per pegawai, per RHK, per unit)."

    def add_arguments(self, parser):
        parser.add_argument("--bulan", help="Bulan YYYY-MM (bawaan: bulan ini).")
        parser.add_argument(
            "--segarkan",
            action="store_true",
            help="Hanya pegawai yang laporannya berubah sejak pembaruan terakhir.",
        )

    def handle(self, *args, **options):
        kode = options["bulan"] or f"{waktu.hari_ini():%Y-%m}"
        try:
            bulan = rules.bulan_awal(kode)
        except rules.AturanError as exc:
            raise CommandError(f"--bulan: {exc}") from None
        if options["segarkan"]:
            hasil = services.rekap_bulan_segarkan(bulan=bulan)
            if not hasil.penuh:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Rekap {hasil.bulan} diperbarui: {hasil.pegawai} pegawai dihitung "
                        f"ulang, {hasil.ditulis} baris rekap berubah."
                    )
                )
                return
        else:
            hasil = services.rekap_bulan_hitung(bulan=bulan)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rekap {hasil.bulan}: {hasil.pegawai} baris pegawai, {hasil.rhk} baris RHK, "
                f"{hasil.unit} baris unit."
            )
        )
