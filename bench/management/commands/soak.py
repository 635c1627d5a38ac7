"""`make soak`: N concurrent clients file daily reports through the API on gunicorn for a
fixed time (loopback), then the database is counted against the answers.

Prints requests, errors, p50/p95/p99 and rows lost (answered 201 but not in the database)
and rows extra (in the database without a 201): both must be 0. Uses the bench database and
its data (`make bench` conventions); the server runs with `bench.settings`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import connection
from rest_framework.authtoken.models import Token

from bench.alat import BASE_DIR, port_bebas, tunggu, url_database
from bench.management.commands.bench import Command as Bench
from inti import waktu
from kinerja.models import LaporanHarian, Rhk
from pegawai.models import Pegawai


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
        hari_ini = waktu.hari_ini()
        tanggal = [hari_ini - timedelta(days=d) for d in range(1, 5)]
        pegawai = list(
            Pegawai.objects.filter(aktif=True, atasan__isnull=False, user__isnull=False,
                                   skp__tahun=hari_ini.year, skp__status="DISETUJUI")
            .order_by("pk").values_list("pk", "user_id")[: 4 * o["klien"] * 10]
        )  # fmt: skip
        if not pegawai:
            raise CommandError("Tidak ada pegawai dengan SKP disetujui di database bench.")
        ids = [p for p, _ in pegawai]
        rhk: dict[int, list[int]] = {}
        for pid, rid in Rhk.objects.filter(
            skp__pegawai_id__in=ids, skp__tahun=hari_ini.year, skp__status="DISETUJUI"
        ).values_list("skp__pegawai_id", "pk"):
            rhk.setdefault(pid, []).append(rid)
        milik = LaporanHarian.objects.filter(
            pegawai_id__in=ids, tanggal__in=tanggal, uraian="Uji beban API"
        )
        milik.delete()
        token = {uid: Token.generate_key() for _, uid in pegawai}
        Token.objects.filter(user_id__in=list(token)).delete()
        Token.objects.bulk_create([Token(user_id=uid, key=key) for uid, key in token.items()])
        port = port_bebas()
        basis = f"http://127.0.0.1:{port}"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
               "DATABASE_URL": url_database(), "PYTHONPATH": str(BASE_DIR)}  # fmt: skip
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "asn_hr.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", str(o["workers"]), "--log-level", "warning"],
            cwd=BASE_DIR, env=env, start_new_session=True,
        )  # fmt: skip
        try:
            tunggu(f"{basis}/bench/ping", server)
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump({"tanggal": [d.isoformat() for d in tanggal],
                           "pegawai": [[token[uid], rhk[pid]] for pid, uid in pegawai
                                       if pid in rhk]}, f)  # fmt: skip
            r = subprocess.run(
                [sys.executable, "-m", "bench.beban", f"{basis}/api/v1/kinerja/laporan-harian/",
                 "--klien", str(o["klien"]), "--durasi", str(o["durasi"]), "--maks", "10000000",
                 "--pemanasan", "0", "--laporan", f.name],
                cwd=BASE_DIR, capture_output=True, text=True,
            )  # fmt: skip
            os.unlink(f.name)
            if r.returncode:
                raise CommandError(f"bench.beban gagal: {r.stderr[-2000:]}")
            hasil = json.loads(r.stdout)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            Token.objects.filter(key__in=list(token.values())).delete()
        baris = milik.count()
        diterima = hasil["status"].get("201", 0)
        milik.delete()
        return {
            "klien": o["klien"], "workers": o["workers"], "detik": hasil["detik"],
            "permintaan": hasil["jumlah"], "gagal": hasil["gagal"], "status": hasil["status"],
            "per_detik": hasil["per_detik"], "p50_ms": hasil["p50_ms"],
            "p95_ms": hasil["p95_ms"], "p99_ms": hasil.get("p99_ms"),
            "baris_hilang": max(0, diterima - baris), "baris_lebih": max(0, baris - diterima),
        }  # fmt: skip
