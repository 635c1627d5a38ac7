"""`python manage.py bench`: the figures of docs/PERFORMANCE.md, one line each, every one set
against a limit measured in the same run on the same database.

1. monthly rollup (`kinerja.services.rekap_bulan_hitung`) vs the minimal one-pass
   INSERT ... SELECT ... GROUP BY ... ON CONFLICT into the same tables at the service's
   session settings (and vs the bare SELECT ... GROUP BY); goal <= 1.1x the one-pass limit;
2. filing a daily report through the API on gunicorn under concurrent clients (a load generator
   in a second process, loopback only) vs `/bench/lapor-minimal`, the minimal correct path
   (token auth, one guarded INSERT) of the same server; goal >= 0.8x with p95 < 100 ms
   (`/bench/ping` and the rule-less `/bench/tulis-minimal` are printed alongside);
3. importing employees from xlsx (the background job's path) vs reading the same xlsx plus
   COPY of the same rows into the same tables: rows/s, ratio, memory per row; goal >= 5,000
   rows/s and >= 0.8x;
4. query counts flat: the supervisor queue and the employee list at 1 and at 1,000 rows, and
   every API list and admin changelist found in the URL configuration (1 row vs a full page);
5. ranking candidates for one jabatan over 10,000 employees, vs reading the same rows in SQL;
   goal < 200 ms;
6. monthly partitioning, an experiment: a plain and a partitioned copy of the report table
   with the same rows (rollup read, one-row inserts, removing a month);
7. every HR and supervisor page with a list and the API lists, for Admin BKD, the largest
   OPD's operator and the busiest supervisor, first and deepest page (bench/angka/halaman.py);
   goal <= 300 ms each;
8. the incremental refresh of the current month's rollup after ten peak minutes of filing vs
   the full rollup of the month: time, rows, shared buffers (bench/angka/segar.py).

PostgreSQL only, on a database of its own (the name must contain "bench" or "test"): it seeds
data with `seed_scale` when the database does not hold the requested size, and writes while it
measures. `make bench` runs it on `asn_hr_bench`; `--quick` is the CI smoke size.
"""

from __future__ import annotations

import os
import time
import warnings
from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection

from bench.angka import api, halaman, impor, kandidat, kueri, partisi, rekap, segar
from bench.management.commands.seed_scale import bawaan_sampai, bulan_mundur
from inti import waktu as inti_waktu
from kinerja import rules
from kinerja.models import LaporanHarian
from pegawai.models import Pegawai

UKURAN = {  # flag: (default, --quick)
    "pegawai": (100_000, 1_200),
    "bulan": (1, 1),
    "ulang": (3, 1),
    "impor": (10_000, 500),
    "klien": (16, 4),
    "workers": (4, 2),
    "durasi": (10.0, 2.0),
    "putaran": (2, 1),
    "maks": (20_000, 1_000),
    "baris": (1_000, 1_000),
    "kandidat": (10_000, 1_000),
    "sisip": (20_000, 2_000),
    "median": (5, 1),
}


class Command(BaseCommand):
    help = "Benchmark skala provinsi: rekap, API laporan harian, impor, jumlah kueri, kandidat."

    def add_arguments(self, parser):
        for nama, (bawaan, _cepat) in UKURAN.items():
            parser.add_argument(f"--{nama}", type=type(bawaan), default=None,
                                help=f"(bawaan {bawaan}, --quick {_cepat})")  # fmt: skip
        parser.add_argument("--quick", action="store_true", help="Ukuran kecil (CI).")
        parser.add_argument("--migrate", action="store_true", help="Buat database dan migrasi.")
        parser.add_argument("--seed-ulang", action="store_true", help="Selalu seed_scale ulang.")
        parser.add_argument("--force", action="store_true", help="Izinkan nama database lain.")
        parser.add_argument(
            "--hanya",
            default="1,2,3,4,5,6,7,8",
            help="Angka yang dijalankan, mis. 1,3 (bawaan semua).",
        )

    def tulis(self, teks: str) -> None:
        self.stdout.write(teks)
        self.stdout.flush()

    def handle(self, *args, **o):
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        u = {k: o[k] if o[k] is not None else v[1 if o["quick"] else 0] for k, v in UKURAN.items()}
        if connection.vendor != "postgresql":
            raise CommandError("bench memerlukan PostgreSQL: atur DATABASE_URL (lihat Makefile).")
        nama_db = connection.settings_dict["NAME"]
        if not o["force"] and not ("bench" in nama_db or "test" in nama_db):
            raise CommandError(
                f"bench menulis ke database {nama_db!r}; gunakan database khusus (nama memuat "
                "'bench'), mis. asn_hr_bench, atau --force."
            )
        if o["migrate"]:
            self.siapkan_database()
        self.tulis(self.mesin())
        bulan = self.siapkan_data(u["pegawai"], u["bulan"], o["seed_ulang"])
        hanya = {a.strip() for a in o["hanya"].split(",")}
        for angka, jalankan in (
            ("1", lambda: rekap.jalankan(self.tulis, bulan, u["ulang"])),
            ("2", lambda: api.jalankan(self.tulis, u)),
            ("3", lambda: impor.jalankan(self.tulis, u["impor"], u["ulang"])),
            ("4", lambda: kueri.jalankan(self.tulis, u["baris"])),
            ("5", lambda: kandidat.jalankan(self.tulis, u["kandidat"], u["ulang"])),
            ("6", lambda: partisi.jalankan(self.tulis, u["ulang"], u["sisip"])),
            ("7", lambda: halaman.jalankan(self.tulis, u["median"])),
            ("8", lambda: segar.jalankan(self.tulis, bulan, u["ulang"])),
        ):
            if angka in hanya:
                self.vakum_seperti_autovacuum()
                jalankan()

    def vakum_seperti_autovacuum(self) -> None:
        """What autovacuum would have done by now, where the server has it off (this
        machine's PostgreSQL does): VACUUM (ANALYZE) each table whose dead rows pass
        autovacuum's default threshold (50 + 20 % of the live rows). The figures roll back
        what they write, and without this the dead rows of one figure (the 10,000 employees
        figure 5 moves, the 50,000 assessments it inserts) would slow the next ones and
        every later run, which no production server with autovacuum sees."""
        with connection.cursor() as c:
            c.execute("SHOW autovacuum")
            if c.fetchone()[0] == "on":
                return
            c.execute(
                "SELECT relname FROM pg_stat_user_tables "
                "WHERE n_dead_tup > 50 + 0.2 * n_live_tup ORDER BY relname"
            )
            tabel = [r[0] for r in c.fetchall()]
            for t in tabel:
                c.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(t)}")
        if tabel:
            self.tulis(f"vakum (autovacuum server mati): {', '.join(tabel)}")

    def siapkan_database(self) -> None:
        try:
            connection.ensure_connection()
        except OperationalError as exc:
            if "does not exist" not in str(exc):
                raise
            import psycopg2

            d = connection.settings_dict
            conn = psycopg2.connect(dbname="postgres", user=d["USER"], password=d["PASSWORD"],
                                    host=d["HOST"], port=d["PORT"])  # fmt: skip
            conn.autocommit = True
            with conn.cursor() as c:
                c.execute(f'CREATE DATABASE "{d["NAME"]}"')
            conn.close()
            self.tulis(f"database {d['NAME']} dibuat")
        call_command("migrate", verbosity=0, interactive=False)

    def mesin(self) -> str:
        with connection.cursor() as c:
            c.execute("SHOW server_version")
            versi = c.fetchone()[0].split()[0]
        memori = "?"
        try:
            with open("/proc/meminfo") as f:
                kb = int(f.readline().split()[1])
            memori = f"{kb / 1024 / 1024:.0f} GB"
        except (OSError, ValueError, IndexError):
            pass
        return (
            f"bench: {os.cpu_count()} CPU, memori {memori}, PostgreSQL {versi}, "
            f"database {connection.settings_dict['NAME']}"
        )

    def siapkan_data(self, n: int, m: int, paksa: bool) -> date:
        """The months of reports `seed_scale` builds by default; seeds them when missing."""
        daftar = bulan_mundur(bawaan_sampai(inti_waktu.hari_ini()), m)
        ada = Pegawai.objects.count() == n and all(
            LaporanHarian.objects.filter(
                tanggal__gte=b, tanggal__lt=rules.bulan_berikut(b)
            ).exists()
            for b in (daftar[0], daftar[-1])
        )
        if paksa or not ada:
            t = time.perf_counter()
            call_command("seed_scale", pegawai=n, bulan=m, reset=True, force=True,
                         stdout=self.stdout)  # fmt: skip
            self.tulis(f"0 seed_scale {n:,} pegawai x {m} bulan: {time.perf_counter() - t:.1f} s")
        else:
            self.tulis(f"0 data {n:,} pegawai x {m} bulan sudah ada (tanpa seed ulang)")
        return daftar[-1]
