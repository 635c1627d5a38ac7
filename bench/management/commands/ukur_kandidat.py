"""Measure candidate ranking over N synthetic employees; everything is rolled back."""

import random
import time
from datetime import date

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.sintetis import baris_sintetis
from inti.bulk import kolom_model, sisip_massal
from jabatan.models import AsesmenKompetensi, Jabatan, Kompetensi
from jabatan.pencocokan import kandidat_untuk
from jabatan.services import katalog_isi
from pegawai.impor import pegawai_import
from pegawai.models import Pegawai, UnitKerja


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Ukur waktu pemeringkatan kandidat atas N pegawai sintetis (semua di-rollback)."

    def add_arguments(self, parser):
        parser.add_argument("--jumlah", type=int, default=10_000)
        parser.add_argument("--ulang", type=int, default=5)

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                self._ukur(options["jumlah"], options["ulang"])
                raise Rollback
        except Rollback:
            self.stdout.write("Data sintetis di-rollback.")

    def _ukur(self, jumlah: int, ulang: int) -> None:
        katalog_isi()
        unit = list(UnitKerja.objects.values_list("kode", flat=True)) or ["BENCH"]
        if unit == ["BENCH"]:
            UnitKerja.objects.create(kode="BENCH", nama="Unit Uji")
        mulai = time.perf_counter()
        hasil = pegawai_import(baris_sintetis(jumlah, unit), oleh=None)
        self.stdout.write(
            f"Impor {jumlah} pegawai (dengan penempatan awal): "
            f"{time.perf_counter() - mulai:.1f} s, berhasil={hasil.berhasil}"
        )
        jabatan = Jabatan.objects.get(kode="JF-EPID-AP")
        kompetensi = list(
            Kompetensi.objects.filter(standar__jabatan=jabatan).values_list("pk", flat=True)
        )
        acak = random.Random(1)
        sekarang = timezone.now()
        kolom = kolom_model(AsesmenKompetensi)
        baris = []
        for pk in Pegawai.objects.values_list("pk", flat=True):
            for k in kompetensi:
                nilai = {
                    "pegawai_id": pk,
                    "kompetensi_id": k,
                    "level": acak.randint(1, 5),
                    "tanggal": date(2025, 1, 1),
                    "metode": "ASSESSMENT_CENTER",
                    "asesor": "",
                    "catatan": "",
                    "dibuat": sekarang,
                }
                baris.append(tuple(nilai[c] for c in kolom))
        sisip_massal(AsesmenKompetensi, kolom, baris)
        self.stdout.write(f"{len(baris)} asesmen untuk {len(kompetensi)} kompetensi standar.")
        admin = User.objects.create(username="bench-admin", is_superuser=True)
        waktu = []
        for _ in range(ulang):
            admin._akses_cache = None
            with CaptureQueriesContext(connection) as ctx:
                mulai = time.perf_counter()
                daftar = kandidat_untuk(admin, jabatan)
                waktu.append((time.perf_counter() - mulai) * 1000)
        self.stdout.write(
            f"kandidat_untuk {jabatan.nama} atas {len(daftar)} pegawai: "
            f"min {min(waktu):.0f} ms, median {sorted(waktu)[len(waktu) // 2]:.0f} ms, "
            f"{len(ctx)} query; teratas {daftar[0].nama} skor {daftar[0].skor}"
        )
