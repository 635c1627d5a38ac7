"""Deliver to SIASN what is queued, now (without waiting for beat or the backoff)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from siasn import pengaturan, services


class Command(BaseCommand):
    help = "Kirim ke SIASN semua kiriman yang menunggu; keluar bukan-nol bila ada yang ditolak."

    def handle(self, *args, **opts):
        if not pengaturan.aktif():
            self.stdout.write(
                "SIASN belum dikonfigurasi; belum diisi: " + ", ".join(pengaturan.belum_diisi())
            )
            return
        h = services.kiriman_kirim_semua(abaikan_jadwal=True)
        self.stdout.write(f"Terkirim: {h.terkirim}, ditolak: {h.ditolak}, menunggu: {h.menunggu}")
        for pesan in h.pesan_ditolak:
            self.stdout.write(f"  ditolak {pesan}")
        if h.ditolak:
            raise CommandError(f"{h.ditolak} kiriman ditolak BKN.")
