"""`make soak`: N concurrent clients file daily reports through the API on gunicorn for a
fixed time (loopback), then the database is counted against the answers.

Prints requests, errors, p50/p95/p99 and rows lost (answered 201 but not in the database)
and rows extra (in the database without a 201): both must be 0. Uses the bench database and
its data (`make bench` conventions); the server runs with `bench.settings`.
"""

from __future__ import annotations

import json
import subprocess
import sys

from django.core.management.base import CommandError
from django.db import connection

from bench.alat import BASE_DIR, pelapor_gunicorn
from bench.management.commands.bench import Command as Bench


class Command(Bench):
    help = "Soak: klien bersamaan mengirim laporan harian ke gunicorn selama waktu tetap."

    def add_arguments(self, parser):
        parser.add_argument("--klien", type=int, default=16)
        parser.add_argument("--durasi", type=float, default=60.0)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--pegawai", type=int, default=2_000)
        parser.add_argument("--bulan", type=int, default=1)
        parser.add_argument("--migrate", action="store_true")
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, **o):
        nama_db = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql":
            raise CommandError("soak memerlukan PostgreSQL (lihat Makefile).")
        if not o["force"] and not ("bench" in nama_db or "soak" in nama_db):
            raise CommandError(f"soak menulis ke database {nama_db!r}; gunakan asn_hr_bench.")
        if o["migrate"]:
            self.siapkan_database()
        self.siapkan_data(o["pegawai"], o["bulan"], False)
        self.tulis(json.dumps(self.soak(o), ensure_ascii=False))

    def soak(self, o: dict) -> dict:
        with pelapor_gunicorn(4 * o["klien"] * 10, o["workers"]) as p:
            r = subprocess.run(
                [sys.executable, "-m", "bench.beban", f"{p.basis}/api/v1/kinerja/laporan-harian/",
                 "--klien", str(o["klien"]), "--durasi", str(o["durasi"]), "--maks", "10000000",
                 "--pemanasan", "0", "--laporan", p.berkas],
                cwd=BASE_DIR, capture_output=True, text=True,
            )  # fmt: skip
            if r.returncode:
                raise CommandError(f"bench.beban gagal: {r.stderr[-2000:]}")
            hasil = json.loads(r.stdout)
            baris = p.milik.count()
        diterima = hasil["status"].get("201", 0)
        return {
            "klien": o["klien"], "workers": o["workers"], "detik": hasil["detik"],
            "permintaan": hasil["jumlah"], "gagal": hasil["gagal"], "status": hasil["status"],
            "per_detik": hasil["per_detik"], "p50_ms": hasil["p50_ms"],
            "p95_ms": hasil["p95_ms"], "p99_ms": hasil.get("p99_ms"),
            "baris_hilang": max(0, diterima - baris), "baris_lebih": max(0, baris - diterima),
        }  # fmt: skip
