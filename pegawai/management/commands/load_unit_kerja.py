from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pegawai.services import DEFAULT_UNIT_CSV, unit_csv_baca, unit_kerja_muat


class Command(BaseCommand):
    help = "Memuat pohon unit kerja dari CSV (kode, nama, singkatan, induk)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_UNIT_CSV))

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        try:
            dibuat, diubah = unit_kerja_muat(rows=unit_csv_baca(path))
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Unit kerja: {dibuat} dibuat, {diubah} diperbarui."))
