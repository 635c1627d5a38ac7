from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tablib import Dataset

from pegawai.resources import PegawaiResource


def baca_dataset(path: Path) -> Dataset:
    """Read an .xlsx or .csv file into a tablib Dataset (first row = headers)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return Dataset().load(path.read_bytes(), format="xlsx")
    if suffix == ".csv":
        return Dataset().load(path.read_text(encoding="utf-8-sig"), format="csv")
    raise CommandError("Format berkas harus .xlsx atau .csv.")


class Command(BaseCommand):
    help = (
        "Mengimpor pegawai dari berkas xlsx/csv berformat pegawai_contoh "
        "(semua atau tidak sama sekali)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, tanpa menyimpan.")
        parser.add_argument(
            "--lewati-baris-salah",
            action="store_true",
            help="Impor baris yang benar dan lewati baris yang salah.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        resource = PegawaiResource()
        resource.import_data(
            baca_dataset(path),
            dry_run=options["dry_run"],
            lewati_baris_salah=options["lewati_baris_salah"],
        )
        hasil = resource.hasil_impor
        for k in hasil.kesalahan:
            self.stderr.write(str(k))
        for k in hasil.peringatan:
            self.stdout.write(self.style.WARNING(f"Peringatan: {k}"))
        if hasil.kesalahan and not options["lewati_baris_salah"]:
            raise CommandError(
                f"{len(hasil.kesalahan)} kesalahan di {len(hasil.kesalahan_per_baris())} baris; "
                "tidak ada yang diimpor. Perbaiki berkas atau pakai --lewati-baris-salah."
            )
        awalan = "[uji coba] " if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(awalan + hasil.ringkasan()))
