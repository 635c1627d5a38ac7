"""Reconcile employees with SIASN now and print the differences found."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from pegawai.models import UnitKerja
from siasn import pengaturan, rules, services


class Command(BaseCommand):
    help = "Bandingkan golongan, jabatan, unit dan pendidikan pegawai dengan SIASN."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="kode unit kerja (beserta sub-unitnya)")

    def handle(self, *args, **opts):
        if not pengaturan.aktif():
            self.stdout.write(
                "SIASN belum dikonfigurasi; belum diisi: " + ", ".join(pengaturan.belum_diisi())
            )
            return
        unit = None
        if opts.get("unit"):
            unit = UnitKerja.objects.filter(kode=opts["unit"]).first()
            if unit is None:
                raise CommandError(f"Unit kerja dengan kode {opts['unit']!r} tidak ada.")
        h = services.cocokkan(unit=unit)
        for s in h.selisih_baru:
            self.stdout.write(
                f"{s.pegawai.nip} {s.pegawai.nama}: {rules.UNSUR[s.unsur]} "
                f"di sistem {s.nilai_lokal or '–'}, di SIASN {s.nilai_siasn}"
            )
        for g in h.gagal:
            self.stdout.write(f"  gagal {g}")
        self.stdout.write(
            f"Diperiksa: {h.diperiksa}, selisih baru: {len(h.selisih_baru)}, "
            f"masih berbeda: {h.selisih_tetap}, sudah sama: {h.selesai}, gagal: {len(h.gagal)}"
        )
