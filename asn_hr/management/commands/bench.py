"""`python manage.py bench`: the figures of docs/PERFORMANCE.md, one line each, every one set
against a limit measured in the same run on the same database.

1. monthly rollup (`kinerja.services.rekap_bulan_hitung`) vs the same rollup hand-written in SQL
   (INSERT ... SELECT ... GROUP BY ... ON CONFLICT into the same tables), and vs the bare
   SELECT ... GROUP BY; goal <= 1.5x the hand-written one;
2. filing a daily report through the API on gunicorn under concurrent clients (a load generator
   in a second process, loopback only) vs `/bench/ping` of the same server; goal >= 0.5
   (`/bench/tulis-minimal`, the cheapest authenticated write, is printed alongside);
3. importing employees from xlsx through `PegawaiResource` vs `bulk_create` of the same rows;
   goal >= 2,000 rows/s;
4. the supervisor queue and the employee list at 1 and at 1,000 rows: query counts equal;
5. ranking candidates for one jabatan over 10,000 employees, vs reading the same rows in SQL;
6. monthly partitioning, an experiment: a plain and a partitioned copy of the report table
   with the same rows (rollup read, one-row inserts, removing a month).

PostgreSQL only, on a database of its own (the name must contain "bench" or "test"): it seeds
data with `seed_scale` when the database does not hold the requested size, and writes while it
measures. `make bench` runs it on `asn_hr_bench`; `--quick` is the CI smoke size.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as time_
from pathlib import Path
from typing import Any

import tablib
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from import_export.formats import base_formats
from rest_framework.authtoken.models import Token

from asn_hr.bulk import kolom_model, sisip_massal
from asn_hr.management.commands.seed_scale import bawaan_sampai, bulan_mundur
from kinerja import pengaturan, rules, services
from kinerja.models import LaporanHarian, Rhk, StatusLaporan
from pegawai.impor import KOLOM
from pegawai.models import OperatorOpd, Pegawai, UnitKerja
from pegawai.resources import PegawaiResource
from pegawai.sintetis import baris_sintetis

BASE_DIR = Path(settings.BASE_DIR)
UKURAN = {  # flag: (default, --quick)
    "pegawai": (100_000, 1_200),
    "bulan": (1, 1),
    "ulang": (3, 1),
    "impor": (10_000, 500),
    "klien": (8, 4),
    "workers": (4, 2),
    "durasi": (10.0, 2.0),
    "putaran": (2, 1),
    "maks": (20_000, 1_000),
    "baris": (1_000, 1_000),
    "kandidat": (10_000, 1_000),
    "sisip": (20_000, 2_000),
}
TABEL_REKAP = ["kinerja_rekappegawaibulanan", "kinerja_rekaprhkbulanan", "kinerja_rekapunitbulanan"]

# --- Figure 1: the hand-written SQL the rollup is measured against --------------------------
# The same three result tables, written the plain way: one INSERT ... SELECT ... GROUP BY ...
# ON CONFLICT DO UPDATE per table, in one transaction. It does not remove rows that no longer
# have source rows (the service does): that extra work is counted against the service.
SQL_TANGAN = [
    """
    INSERT INTO kinerja_rekappegawaibulanan
        (pegawai_id, bulan, jumlah_laporan, laporan_disetujui, laporan_dikembalikan,
         total_menit, hari_lapor)
    SELECT pegawai_id, %(bulan)s, count(*), count(*) FILTER (WHERE status = 'DISETUJUI'),
           count(*) FILTER (WHERE status = 'DIKEMBALIKAN'), sum(menit), count(DISTINCT tanggal)
    FROM kinerja_laporanharian
    WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s
    GROUP BY pegawai_id
    ON CONFLICT (pegawai_id, bulan) DO UPDATE SET
        jumlah_laporan = EXCLUDED.jumlah_laporan, laporan_disetujui = EXCLUDED.laporan_disetujui,
        laporan_dikembalikan = EXCLUDED.laporan_dikembalikan,
        total_menit = EXCLUDED.total_menit, hari_lapor = EXCLUDED.hari_lapor
    """,
    """
    INSERT INTO kinerja_rekaprhkbulanan
        (rhk_id, pegawai_id, bulan, jumlah_laporan, laporan_disetujui, kuantitas_disetujui)
    SELECT rhk_id, pegawai_id, %(bulan)s, count(*), count(*) FILTER (WHERE status = 'DISETUJUI'),
           COALESCE(sum(kuantitas) FILTER (WHERE status = 'DISETUJUI'), 0)
    FROM kinerja_laporanharian
    WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s
    GROUP BY rhk_id, pegawai_id
    ON CONFLICT (rhk_id, bulan) DO UPDATE SET
        jumlah_laporan = EXCLUDED.jumlah_laporan, laporan_disetujui = EXCLUDED.laporan_disetujui,
        kuantitas_disetujui = EXCLUDED.kuantitas_disetujui
    """,
    """
    INSERT INTO kinerja_rekapunitbulanan
        (unit_kerja_id, bulan, jumlah_pegawai, pegawai_melapor, jumlah_laporan,
         laporan_disetujui, laporan_dikembalikan, total_menit, hari_lapor,
         sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang)
    SELECT u.id, %(bulan)s, COALESCE(p.n, 0), COALESCE(r.melapor, 0), COALESCE(r.laporan, 0),
           COALESCE(r.disetujui, 0), COALESCE(r.dikembalikan, 0), COALESCE(r.menit, 0),
           COALESCE(r.hari, 0), COALESCE(n.sb, 0), COALESCE(n.b, 0), COALESCE(n.bp, 0),
           COALESCE(n.k, 0), COALESCE(n.sk, 0)
    FROM pegawai_unitkerja u
    LEFT JOIN (SELECT unit_kerja_id, count(*) AS n FROM pegawai_pegawai WHERE aktif
               GROUP BY unit_kerja_id) p ON p.unit_kerja_id = u.id
    LEFT JOIN (SELECT g.unit_kerja_id, count(*) AS melapor, sum(r.jumlah_laporan) AS laporan,
                      sum(r.laporan_disetujui) AS disetujui,
                      sum(r.laporan_dikembalikan) AS dikembalikan,
                      sum(r.total_menit) AS menit, sum(r.hari_lapor) AS hari
               FROM kinerja_rekappegawaibulanan r JOIN pegawai_pegawai g ON g.id = r.pegawai_id
               WHERE r.bulan = %(bulan)s GROUP BY g.unit_kerja_id) r ON r.unit_kerja_id = u.id
    LEFT JOIN (SELECT unit_kerja_id,
                      count(*) FILTER (WHERE predikat = 'SANGAT_BAIK') AS sb,
                      count(*) FILTER (WHERE predikat = 'BAIK') AS b,
                      count(*) FILTER (WHERE predikat = 'BUTUH_PERBAIKAN') AS bp,
                      count(*) FILTER (WHERE predikat = 'KURANG') AS k,
                      count(*) FILTER (WHERE predikat = 'SANGAT_KURANG') AS sk
               FROM kinerja_penilaian
               WHERE tanggal_akhir >= %(bulan)s AND tanggal_akhir < %(akhir)s
               GROUP BY unit_kerja_id) n ON n.unit_kerja_id = u.id
    WHERE p.unit_kerja_id IS NOT NULL OR r.unit_kerja_id IS NOT NULL
       OR n.unit_kerja_id IS NOT NULL
    ON CONFLICT (unit_kerja_id, bulan) DO UPDATE SET
        jumlah_pegawai = EXCLUDED.jumlah_pegawai, pegawai_melapor = EXCLUDED.pegawai_melapor,
        jumlah_laporan = EXCLUDED.jumlah_laporan, laporan_disetujui = EXCLUDED.laporan_disetujui,
        laporan_dikembalikan = EXCLUDED.laporan_dikembalikan, total_menit = EXCLUDED.total_menit,
        hari_lapor = EXCLUDED.hari_lapor, sangat_baik = EXCLUDED.sangat_baik,
        baik = EXCLUDED.baik, butuh_perbaikan = EXCLUDED.butuh_perbaikan,
        kurang = EXCLUDED.kurang, sangat_kurang = EXCLUDED.sangat_kurang
    """,
]


def _hanya_select(sql: str) -> str:
    """The SELECT ... GROUP BY of an INSERT ... SELECT ... ON CONFLICT, run to the end on the
    server with its rows discarded (EXPLAIN ANALYZE without per-node timing): the cost of the
    aggregation alone, without writing and without shipping rows to the client."""
    inti = sql.split("ON CONFLICT")[0]
    return f"EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) {inti[inti.index('SELECT') :]}"


# --- helpers ------------------------------------------------------------------------------


def median_waktu(fn: Callable[[], Any], ulang: int) -> float:
    hasil = []
    for _ in range(ulang):
        t = time.perf_counter()
        fn()
        hasil.append(time.perf_counter() - t)
    return statistics.median(hasil)


def gabung_putaran(hasil: list[dict]) -> dict:
    """Load-generator rounds as one: requests over total time, median p50/p95."""
    detik = sum(h["detik"] for h in hasil)
    status: dict[str, int] = {}
    for h in hasil:
        for k, v in h["status"].items():
            status[k] = status.get(k, 0) + v
    return {
        "jumlah": sum(h["jumlah"] for h in hasil),
        "gagal": sum(h["gagal"] for h in hasil),
        "per_detik": sum(h["jumlah"] for h in hasil) / detik if detik else 0.0,
        "p50_ms": statistics.median(h["p50_ms"] for h in hasil),
        "p95_ms": statistics.median(h["p95_ms"] for h in hasil),
        "status": status,
    }


def ya(ok: bool) -> str:
    return "OK" if ok else "TIDAK"


def url_database() -> str:
    d = connection.settings_dict
    auth = urllib.parse.quote(d["USER"] or "")
    if d.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(d["PASSWORD"])
    return f"postgres://{auth}@{d['HOST'] or 'localhost'}:{d['PORT'] or 5432}/{d['NAME']}"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def klien_api() -> Client:
    # Production settings redirect plain HTTP to HTTPS: ask as HTTPS, from localhost.
    return Client(HTTP_HOST="localhost", enforce_csrf_checks=False)


def get_api(klien: Client, url: str, token: str, **params: Any) -> tuple[dict, int]:
    """(JSON body, number of queries) of one API GET."""
    with CaptureQueriesContext(connection) as q:
        r = klien.get(url, params, HTTP_AUTHORIZATION=f"Token {token}", secure=True)
    if r.status_code != 200:
        raise CommandError(f"GET {url}: HTTP {r.status_code} {r.content[:300]!r}")
    return r.json(), len(q)


def token_untuk(user_id: int) -> str:
    return Token.objects.get_or_create(user_id=user_id)[0].key


def unit_uji(kode: str) -> UnitKerja:
    return UnitKerja.objects.create(kode=kode, nama=f"Unit uji {kode}")


def operator_uji(nama: str, unit: UnitKerja) -> User:
    user = User.objects.create(username=nama, password=f"{UNUSABLE_PASSWORD_PREFIX}bench")
    OperatorOpd.objects.create(user=user, unit_kerja=unit)
    return user


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
            "--hanya", default="1,2,3,4,5,6", help="Angka yang dijalankan, mis. 1,3 (bawaan semua)."
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
            ("1", lambda: self.angka_rekap(bulan, u["ulang"])),
            ("2", lambda: self.angka_api(u)),
            ("3", lambda: self.angka_impor(u["impor"], u["ulang"])),
            ("4", lambda: self.angka_kueri(u["baris"])),
            ("5", lambda: self.angka_kandidat(u["kandidat"], u["ulang"])),
            ("6", lambda: self.angka_partisi(u["ulang"], u["sisip"])),
        ):
            if angka in hanya:
                jalankan()

    # --- setup ------------------------------------------------------------------------------
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
        daftar = bulan_mundur(bawaan_sampai(pengaturan.hari_ini()), m)
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

    # --- 1. rollup ----------------------------------------------------------------------------
    def angka_rekap(self, bulan: date, ulang: int) -> None:
        param = {"bulan": bulan, "akhir": rules.bulan_berikut(bulan)}
        laporan = LaporanHarian.objects.filter(
            tanggal__gte=bulan, tanggal__lt=param["akhir"]
        ).count()

        def kosongkan() -> None:
            with connection.cursor() as c:
                c.execute(f"TRUNCATE {', '.join(TABEL_REKAP)}")

        def layanan() -> None:
            services.rekap_bulan_hitung(bulan=bulan)

        def tangan() -> None:
            with transaction.atomic(), connection.cursor() as c:
                for sql in SQL_TANGAN:
                    c.execute(sql, param)

        def select() -> None:
            with transaction.atomic(), connection.cursor() as c:
                for sql in SQL_TANGAN:
                    c.execute(_hanya_select(sql), param)
                    c.fetchall()

        def sidik() -> list[tuple]:
            """Row count and a checksum of every row of the three result tables."""
            hasil = []
            with connection.cursor() as c:
                for tabel in TABEL_REKAP:
                    c.execute(f"SELECT * FROM {tabel} LIMIT 0")
                    kolom = ", ".join(d[0] for d in c.description if d[0] != "id")
                    c.execute(
                        f"SELECT count(*), sum(hashtext(({kolom})::text)::bigint) FROM {tabel}"
                    )
                    hasil.append(c.fetchone())
            return hasil

        # Empty result tables before each run: every row is written (the first rollup of a
        # month). Then again with the rows in place and the source unchanged (a re-run).
        waktu: dict[str, list[float]] = {"layanan": [], "tangan": [], "select": []}
        sidik_sama = []
        for _ in range(ulang):
            for nama, fn in (("layanan", layanan), ("tangan", tangan)):
                kosongkan()
                waktu[nama].append(median_waktu(fn, 1))
                sidik_sama.append(sidik())
            waktu["select"].append(median_waktu(select, 1))
        # The service and the hand-written SQL must leave the very same rows.
        sama = all(x == sidik_sama[0] for x in sidik_sama)
        ulang_layanan = median_waktu(layanan, ulang)
        ulang_tangan = median_waktu(tangan, ulang)
        t = {k: statistics.median(v) for k, v in waktu.items()}
        rasio = t["layanan"] / t["tangan"]
        self.tulis(
            f"1 rekap bulanan {bulan:%Y-%m} ({Pegawai.objects.count():,} pegawai, {laporan:,} "
            f"laporan): {t['layanan']:.2f} s | SQL tangan INSERT..ON CONFLICT {t['tangan']:.2f} s "
            f"-> {rasio:.2f}x (target <= 1.5x: {ya(rasio <= 1.5 and sama)}; hasil sama: "
            f"{ya(sama)}) | SELECT GROUP BY saja "
            f"{t['select']:.2f} s -> {t['layanan'] / t['select']:.2f}x | hitung ulang tanpa "
            f"perubahan {ulang_layanan:.2f} s vs {ulang_tangan:.2f} s -> "
            f"{ulang_layanan / ulang_tangan:.2f}x"
        )

    # --- 2. the API under load ------------------------------------------------------------------
    def angka_api(self, u: dict[str, Any]) -> None:
        hari_ini = pengaturan.hari_ini()
        tanggal = [hari_ini - timedelta(days=d) for d in range(1, 5)]
        slot_per_pegawai = len(tanggal) * 47
        k = min(2000, u["maks"] // slot_per_pegawai + 2 * u["klien"] + 1)
        pegawai = list(
            Pegawai.objects.filter(aktif=True, atasan__isnull=False, user__isnull=False,
                                   skp__tahun=hari_ini.year, skp__status="DISETUJUI")
            .order_by("pk").values_list("pk", "user_id")[:k]
        )  # fmt: skip
        ids = [p for p, _ in pegawai]
        rhk: dict[int, list[int]] = {}
        for pid, rid in Rhk.objects.filter(
            skp__pegawai_id__in=ids, skp__tahun=hari_ini.year, skp__status="DISETUJUI"
        ).values_list("skp__pegawai_id", "pk"):
            rhk.setdefault(pid, []).append(rid)

        def bersihkan() -> None:
            LaporanHarian.objects.filter(
                pegawai_id__in=ids, tanggal__in=tanggal, uraian="Uji beban API"
            ).delete()

        bersihkan()
        token = {uid: Token.generate_key() for _, uid in pegawai}
        Token.objects.filter(user_id__in=list(token)).delete()
        Token.objects.bulk_create([Token(user_id=uid, key=key) for uid, key in token.items()])
        port = port_bebas()
        basis = f"http://127.0.0.1:{port}"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
               "DATABASE_URL": url_database(), "PYTHONPATH": str(BASE_DIR)}  # fmt: skip
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "asn_hr.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", str(u["workers"]), "--log-level", "warning"],
            cwd=BASE_DIR, env=env, start_new_session=True,
        )  # fmt: skip
        try:
            self._tunggu(f"{basis}/bench/ping", server)
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(
                    {
                        "tanggal": [d.isoformat() for d in tanggal],
                        "pegawai": [[token[uid], rhk[pid]] for pid, uid in pegawai],
                    },
                    f,
                )
            # Rounds alternate between the two endpoints, so that other load on the machine
            # weighs on both alike.
            putaran: dict[str, list[dict]] = {"ping": [], "lapor": [], "minimal": []}
            for _ in range(u["putaran"]):
                putaran["ping"].append(self._beban(f"{basis}/bench/ping", u))
                bersihkan()  # each round files into the same empty slots
                putaran["lapor"].append(
                    self._beban(f"{basis}/api/v1/kinerja/laporan-harian/", u, laporan=f.name)
                )
                bersihkan()
                putaran["minimal"].append(
                    self._beban(f"{basis}/bench/tulis-minimal", u, laporan=f.name)
                )
            os.unlink(f.name)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            Token.objects.filter(key__in=list(token.values())).delete()
            bersihkan()
        ping, lapor, minimal = (gabung_putaran(putaran[k]) for k in ("ping", "lapor", "minimal"))
        rasio = lapor["per_detik"] / ping["per_detik"] if ping["per_detik"] else 0.0
        gagal = f", {lapor['gagal']} gagal {lapor['status']}" if lapor["gagal"] else ""
        self.tulis(
            f"2 POST laporan-harian (gunicorn {u['workers']} worker, {u['klien']} klien, "
            f"{lapor['jumlah']:,} permintaan{gagal}): {lapor['per_detik']:.0f}/s p50 "
            f"{lapor['p50_ms']:.1f} ms p95 {lapor['p95_ms']:.1f} ms | /bench/ping tanpa database "
            f"{ping['per_detik']:.0f}/s p50 {ping['p50_ms']:.1f} ms p95 {ping['p95_ms']:.1f} ms "
            f"-> {rasio:.2f}x (target >= 0.5x: {ya(rasio >= 0.5 and not lapor['gagal'])}) | "
            f"/bench/tulis-minimal (DRF + token + 1 INSERT) {minimal['per_detik']:.0f}/s p50 "
            f"{minimal['p50_ms']:.1f} ms -> POST "
            f"{lapor['per_detik'] / max(minimal['per_detik'], 0.001):.2f}x"
        )

    def _tunggu(self, url: str, server: subprocess.Popen) -> None:
        batas = time.monotonic() + 60
        while time.monotonic() < batas:
            if server.poll() is not None:
                raise CommandError("gunicorn berhenti sebelum siap.")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn tidak siap dalam 60 detik.")

    def _beban(self, url: str, u: dict[str, Any], laporan: str | None = None) -> dict:
        perintah = [sys.executable, "-m", "bench.beban", url, "--klien", str(u["klien"]),
                    "--durasi", str(u["durasi"]), "--maks", str(u["maks"]),
                    "--pemanasan", str(min(1.0, u["durasi"] / 4))]  # fmt: skip
        if laporan:
            perintah += ["--laporan", laporan]
        r = subprocess.run(perintah, cwd=BASE_DIR, capture_output=True, text=True,
                           timeout=u["durasi"] + 120)  # fmt: skip
        if r.returncode != 0:
            raise CommandError(f"bench.beban gagal: {r.stderr[-2000:]}")
        return json.loads(r.stdout)

    # --- 3. import ------------------------------------------------------------------------------
    def angka_impor(self, n: int, ulang: int) -> None:
        kode_unit = list(
            UnitKerja.objects.filter(parent__isnull=True).values_list("kode", flat=True)
        )
        rows = baris_sintetis(n, kode_unit)
        data = tablib.Dataset(headers=list(KOLOM))
        for r in rows:
            data.append([r[k] for k in KOLOM])
        xlsx = data.export("xlsx")

        def impor_xlsx() -> float:
            # In a transaction that is rolled back: the database is left as it was.
            with transaction.atomic():
                t = time.perf_counter()
                # As the admin's import page reads the uploaded file.
                dataset = base_formats.XLSX().create_dataset(xlsx)
                baca = time.perf_counter() - t
                resource = PegawaiResource()
                resource.import_data(dataset, dry_run=False)
                hasil = resource.hasil_impor
                if hasil is None or hasil.kesalahan or len(hasil.dibuat) != n:
                    raise CommandError(f"impor gagal: {hasil.kesalahan[:3] if hasil else '?'}")
                transaction.set_rollback(True)
            return baca

        def bulk_create() -> None:
            with transaction.atomic():
                self._bulk_create(rows)
                transaction.set_rollback(True)

        waktu_baca: list[float] = []
        impor = median_waktu(lambda: waktu_baca.append(impor_xlsx()), ulang)
        baca = statistics.median(waktu_baca)
        bulk = median_waktu(bulk_create, ulang)
        per_detik = n / impor
        self.tulis(
            f"3 impor {n:,} pegawai dari xlsx lewat PegawaiResource: {per_detik:,.0f} baris/s "
            f"({impor:.2f} s, baca xlsx {baca:.2f} s; target >= 2,000 baris/s: "
            f"{ya(per_detik >= 2000)}) | bulk_create baris yang sama {n / bulk:,.0f} baris/s "
            f"({bulk:.2f} s) -> {bulk / impor:.2f}x"
        )

    def _bulk_create(self, rows: list[dict[str, Any]]) -> None:
        """The same employees by `bulk_create` only: heads first, then their staff."""
        from datetime import datetime

        unit = dict(UnitKerja.objects.values_list("kode", "pk"))

        def tgl(s: str) -> date:
            return datetime.strptime(s, "%d-%m-%Y").date()

        def buat(r: dict[str, Any], atasan: int | None) -> Pegawai:
            return Pegawai(
                nip=r["NIP"], nik=r["NIK"], nama=r["Nama"], gelar_belakang=r["Gelar Belakang"],
                tempat_lahir=r["Tempat Lahir"], tanggal_lahir=tgl(r["Tanggal Lahir"]),
                jenis_kelamin=r["Jenis Kelamin"], agama=r["Agama"],
                status_kepegawaian=r["Status Kepegawaian"], golongan=r["Golongan"],
                tmt_golongan=tgl(r["TMT Golongan"]), pendidikan_jenjang=r["Pendidikan Terakhir"],
                pendidikan_jurusan=r["Jurusan"], unit_kerja_id=unit[r["Kode Unit Kerja"]],
                nama_jabatan=r["Jabatan"], jenis_jabatan=r["Jenis Jabatan"], atasan_id=atasan,
                email=r["Email"], no_hp=r["No HP"],
            )  # fmt: skip

        kepala = Pegawai.objects.bulk_create(
            [buat(r, None) for r in rows if not r["NIP Atasan"]], batch_size=1000
        )
        id_kepala = {p.nip: p.pk for p in kepala}
        Pegawai.objects.bulk_create(
            [buat(r, id_kepala[r["NIP Atasan"]]) for r in rows if r["NIP Atasan"]], batch_size=1000
        )

    # --- 4. query counts ----------------------------------------------------------------------
    def angka_kueri(self, banyak: int) -> None:
        klien = klien_api()
        with transaction.atomic():
            # The supervisor queue: one kepala seksi, first 1 then `banyak` waiting reports.
            atasan = (
                Pegawai.objects.filter(aktif=True, user__isnull=False, bawahan__aktif=True)
                .annotate(n=Count("bawahan")).filter(n__gte=5).order_by("pk").first()
            )  # fmt: skip
            if atasan is None:
                raise CommandError("Tidak ada atasan dengan >= 5 bawahan; jalankan seed_scale.")
            bawahan = list(
                Pegawai.objects.filter(atasan=atasan, aktif=True).values_list("pk", flat=True)
            )
            LaporanHarian.objects.filter(
                pegawai_id__in=bawahan, status=StatusLaporan.DIAJUKAN
            ).update(status=StatusLaporan.DISETUJUI)
            rhk = dict(
                Rhk.objects.filter(skp__pegawai_id__in=bawahan).values_list("skp__pegawai_id", "pk")
            )
            token = token_untuk(atasan.user_id)
            url = "/api/v1/kinerja/laporan-harian/antrian/"
            get_api(klien, url, token)  # warm-up: first-request caches

            def tambah(dari: int, sampai: int) -> None:
                baru = []
                for j in range(dari, sampai):
                    pid = bawahan[j % len(bawahan)]
                    baru.append(
                        LaporanHarian(
                            pegawai_id=pid, rhk_id=rhk[pid], uraian="Antrian uji",
                            tanggal=date(2020, 1, 1) + timedelta(days=j // len(bawahan)),
                            kuantitas=1, satuan="dokumen", jam_mulai=time_(8),
                            jam_selesai=time_(9), menit=60,
                        )
                    )  # fmt: skip
                LaporanHarian.objects.bulk_create(baru, batch_size=1000)

            tambah(0, 1)
            satu, q_satu = get_api(klien, url, token, page_size=200)
            tambah(1, banyak)
            seribu, q_seribu = get_api(klien, url, token, page_size=200)
            baris = (satu["count"], seribu["count"])
            self.tulis(
                f"4 antrian atasan /api/v1/kinerja/laporan-harian/antrian/: {baris[0]:,} baris "
                f"{q_satu} kueri, {baris[1]:,} baris {q_seribu} kueri -> "
                f"{ya(q_satu == q_seribu and baris == (1, banyak))}"
            )

            # The employee list: an operator of a unit with 1 employee, another with `banyak`.
            staf = list(
                Pegawai.objects.filter(aktif=True, bawahan__isnull=True).order_by("pk")
                .values_list("pk", flat=True)[: banyak + 1]
            )  # fmt: skip
            hitung = []
            for kode, ids in (("BENCH-SATU", staf[:1]), ("BENCH-BANYAK", staf[1:])):
                unit = unit_uji(kode)
                Pegawai.objects.filter(pk__in=ids).update(unit_kerja=unit)
                user = operator_uji(kode.lower(), unit)
                klien_op = klien_api()
                get_api(klien_op, "/api/v1/pegawai/", token_untuk(user.pk))
                hitung.append(
                    get_api(klien_op, "/api/v1/pegawai/", token_untuk(user.pk), page_size=200)
                )
            (a, q_a), (b, q_b) = hitung
            self.tulis(
                f"4 daftar pegawai /api/v1/pegawai/ (operator OPD): {a['count']:,} baris {q_a} "
                f"kueri, {b['count']:,} baris {q_b} kueri -> "
                f"{ya(q_a == q_b and (a['count'], b['count']) == (1, banyak))}"
            )
            transaction.set_rollback(True)

    # --- 5. candidate ranking -------------------------------------------------------------------
    def angka_kandidat(self, n: int, ulang: int) -> None:
        try:
            teks = self._kandidat(n, ulang)
        except Exception as exc:  # noqa: BLE001 - jabatan is still being built
            teks = f"belum tersedia ({type(exc).__name__}: {str(exc)[:200]})"
        self.tulis(f"5 kandidat /api/v1/jabatan/{{id}}/kandidat/ atas {n:,} pegawai: {teks}")

    def _kandidat(self, n: int, ulang: int) -> str:
        from jabatan.models import AsesmenKompetensi, Jabatan, Kompetensi, StandarKompetensi

        with transaction.atomic():
            kompetensi = list(Kompetensi.objects.order_by("pk")[:5])
            if not kompetensi:
                raise CommandError("kamus kompetensi kosong")
            jabatan = Jabatan.objects.create(
                kode="BENCH-JAB", nama="Analis Uji Benchmark", jenis="PELAKSANA",
                kelompok_pelaksana="OPERATOR", kelas_jabatan=7, pendidikan_minimal="S1",
                golongan_minimal="III/a",
            )  # fmt: skip
            StandarKompetensi.objects.bulk_create(
                [StandarKompetensi(jabatan=jabatan, kompetensi=k, level=3) for k in kompetensi]
            )
            ids = list(
                Pegawai.objects.filter(aktif=True).order_by("pk").values_list("pk", flat=True)[:n]
            )
            if len(ids) < n:
                raise CommandError(f"hanya {len(ids)} pegawai; perlu --pegawai >= {n}")
            unit = unit_uji("BENCH-KANDIDAT")
            Pegawai.objects.filter(pk__in=ids).update(unit_kerja=unit)
            kolom = kolom_model(AsesmenKompetensi)
            nilai = {"metode": "UJI_KOMPETENSI", "asesor": "", "catatan": "",
                     "tanggal": date(2025, 6, 1), "dibuat": None}  # fmt: skip
            from django.utils import timezone

            nilai["dibuat"] = timezone.now()
            sisip_massal(AsesmenKompetensi, kolom, [
                tuple({**nilai, "pegawai_id": p, "kompetensi_id": k.pk,
                       "level": 1 + (p + k.pk) % 5}[c] for c in kolom)
                for p in ids for k in kompetensi
            ])  # fmt: skip
            with connection.cursor() as c:
                # Statistics for the rows just written, as autovacuum would have by now.
                c.execute("ANALYZE pegawai_pegawai, jabatan_asesmenkompetensi")
            user = operator_uji("bench-kandidat", unit)
            token = token_untuk(user.pk)
            klien = klien_api()
            url = f"/api/v1/jabatan/{jabatan.pk}/kandidat/"
            data, kueri = get_api(klien, url, token)
            if data.get("count") != n:
                raise CommandError(f"kandidat {data.get('count')} != {n}")
            api = median_waktu(lambda: get_api(klien, url, token), ulang)

            def baca_sql() -> None:
                with connection.cursor() as c:
                    c.execute(
                        "SELECT id, nip, nama, golongan, pendidikan_jenjang, pendidikan_jurusan "
                        "FROM pegawai_pegawai WHERE aktif AND unit_kerja_id = %s",
                        [unit.pk],
                    )
                    c.fetchall()
                    c.execute(
                        "SELECT pegawai_id, kompetensi_id, level, tanggal, id "
                        "FROM jabatan_asesmenkompetensi WHERE kompetensi_id = ANY(%s) AND "
                        "pegawai_id IN (SELECT id FROM pegawai_pegawai WHERE unit_kerja_id = %s)",
                        [[k.pk for k in kompetensi], unit.pk],
                    )
                    c.fetchall()

            sql = median_waktu(baca_sql, ulang)
            transaction.set_rollback(True)
        return (
            f"{api * 1000:.0f} ms per permintaan (halaman 1, {kueri} kueri) | membaca baris yang "
            f"sama dengan SQL {sql * 1000:.0f} ms -> {api / sql:.1f}x"
        )

    # --- 6. monthly partitioning, an experiment on copies of the report table ---------------
    def angka_partisi(self, ulang: int, sisip: int) -> None:
        """A plain and a range-partitioned copy of the report table, same rows, same indexes
        (the partitioned primary key has to include tanggal), no foreign keys on either. The
        partitions are made by `kinerja.services.partisi_bulanan_buat`, as the task would."""
        asal = LaporanHarian._meta.db_table
        biasa, partisi = "bench_laporan_biasa", "bench_laporan_partisi"
        with connection.cursor() as c:
            c.execute(f"SELECT min(tanggal), max(tanggal), count(*) FROM {asal}")
            awal, akhir, n = c.fetchone()
            c.execute(f"DROP TABLE IF EXISTS {biasa}, {partisi} CASCADE")
            salin = f"(LIKE {asal} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)"
            c.execute(f"CREATE TABLE {biasa} {salin}")
            c.execute(f"CREATE TABLE {partisi} {salin} PARTITION BY RANGE (tanggal)")
            c.execute(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = %s::regclass",
                [asal],
            )
            indeks = [r[0] for r in c.fetchall()]
        try:
            jumlah_bulan = (akhir.year - awal.year) * 12 + akhir.month - awal.month + 1
            dibuat = services.partisi_bulanan_buat(
                tabel=partisi, dari=awal, jumlah=jumlah_bulan + 1
            )
            muat = {}
            for tabel in (biasa, partisi):
                t = time.perf_counter()
                with connection.cursor() as c:
                    c.execute(f"INSERT INTO {tabel} SELECT * FROM {asal}")
                    c.execute(
                        f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), max(id)) "
                        f"FROM {tabel}"
                    )
                    for d in indeks:
                        d = re.sub(
                            r"^CREATE (UNIQUE )?INDEX \S+ ON \S+ ",
                            rf"CREATE \1INDEX ON {tabel} ",
                            d,
                        )
                        if "UNIQUE" in d and tabel == partisi:
                            d = d.replace("(id)", "(id, tanggal)")  # the key must hold tanggal
                        c.execute(d)
                    c.execute(f"ANALYZE {tabel}")
                muat[tabel] = time.perf_counter() - t
            bulan = akhir.replace(day=1)
            param = {"bulan": bulan, "akhir": rules.bulan_berikut(bulan)}

            def baca(tabel: str) -> Callable[[], None]:
                def jalankan() -> None:
                    with connection.cursor() as c:
                        for sql in SQL_TANGAN[:2]:
                            c.execute(_hanya_select(sql).replace(asal, tabel), param)
                            c.fetchall()

                return jalankan

            def masuk(tabel: str) -> Callable[[], None]:
                # One-row INSERT statements, server side (no client round trips), rolled back.
                def jalankan() -> None:
                    with transaction.atomic(), connection.cursor() as c:
                        c.execute(
                            f"""DO $$ BEGIN FOR i IN 1..{sisip} LOOP
                            INSERT INTO {tabel} (pegawai_id, rhk_id, tanggal, uraian, kuantitas,
                                satuan, jam_mulai, jam_selesai, menit, bukti, status,
                                catatan_atasan, dibuat, diubah)
                            VALUES (1 + i % 5000, 1 + i % 15000, DATE '{bulan}' + i % 28,
                                'uji', 1, 'dokumen', '16:00', '16:10', 10, '', 'DIAJUKAN', '',
                                now(), now());
                            END LOOP; END $$"""
                        )
                        transaction.set_rollback(True)

                return jalankan

            def hapus_bulan(tabel: str) -> float:
                with transaction.atomic(), connection.cursor() as c:
                    t = time.perf_counter()
                    if tabel == partisi:
                        nama = f"{partisi}_{bulan:%Y%m}"
                        c.execute(f"ALTER TABLE {partisi} DETACH PARTITION {nama}")
                        c.execute(f"DROP TABLE {nama}")
                    else:
                        c.execute(f"DELETE FROM {tabel} WHERE tanggal >= %(bulan)s "
                                  "AND tanggal < %(akhir)s", param)  # fmt: skip
                    detik = time.perf_counter() - t
                    transaction.set_rollback(True)
                return detik

            r = {t: median_waktu(baca(t), ulang) for t in (biasa, partisi)}
            m = {t: median_waktu(masuk(t), ulang) for t in (biasa, partisi)}
            h = {t: hapus_bulan(t) for t in (biasa, partisi)}
        finally:
            with connection.cursor() as c:
                c.execute(f"DROP TABLE IF EXISTS {biasa}, {partisi} CASCADE")
        self.tulis(
            f"6 partisi bulanan (percobaan, salinan {n:,} laporan, {jumlah_bulan} bulan, "
            f"{len(dibuat)} partisi dibuat): baca rekap 1 bulan biasa {r[biasa]:.2f} s vs "
            f"partisi {r[partisi]:.2f} s -> {r[partisi] / r[biasa]:.2f}x | {sisip:,} INSERT "
            f"satu baris biasa {m[biasa] * 1000:.0f} ms vs partisi {m[partisi] * 1000:.0f} ms -> "
            f"{m[partisi] / m[biasa]:.2f}x | hapus 1 bulan DELETE {h[biasa]:.2f} s vs DROP "
            f"partisi {h[partisi] * 1000:.0f} ms | muat + indeks biasa {muat[biasa]:.1f} s vs "
            f"partisi {muat[partisi]:.1f} s"
        )
