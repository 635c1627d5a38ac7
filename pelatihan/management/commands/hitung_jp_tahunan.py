"""`python manage.py hitung_jp_tahunan`: rebuild the yearly JP totals from the ledger (the
ledger's triggers keep them on every write; this is for a TRUNCATE or a restore of the
ledger alone, which triggers do not see)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pelatihan import services


class Command(BaseCommand):
    help = (
        "Menghitung ulang total JP per pegawai per tahun dari buku JP (dijaga otomatis oleh "
        "basis data; perlu hanya setelah memulihkan atau mengosongkan tabel buku JP)."
    )

    def handle(self, *args, **options):
        n = services.jp_tahunan_hitung_ulang()
        self.stdout.write(self.style.SUCCESS(f"Total JP tahunan dihitung ulang: {n} baris."))
