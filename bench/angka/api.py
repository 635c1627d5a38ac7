"""Figure 2: filing a daily report through the API on gunicorn under concurrent clients,
against the minimal correct filing (`/bench/lapor-minimal`: token, lock, one guarded INSERT)
and `/bench/ping` of the same server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from datetime import timedelta
from typing import Any

from rest_framework.authtoken.models import Token

from bench.alat import (
    BASE_DIR,
    Tulis,
    beban,
    gabung_putaran,
    port_bebas,
    tunggu,
    url_database,
    ya,
)
from inti import waktu as inti_waktu
from kinerja.models import LaporanHarian, Rhk
from pegawai.models import Pegawai


def jalankan(tulis: Tulis, u: dict[str, Any]) -> None:
    hari_ini = inti_waktu.hari_ini()
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
        tunggu(f"{basis}/bench/ping", server)
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
        putaran: dict[str, list[dict]] = {"ping": [], "lapor": [], "minimal": [], "benar": []}
        for _ in range(u["putaran"]):
            putaran["ping"].append(beban(f"{basis}/bench/ping", u))
            bersihkan()  # each round files into the same empty slots
            putaran["lapor"].append(
                beban(f"{basis}/api/v1/kinerja/laporan-harian/", u, laporan=f.name)
            )
            bersihkan()
            putaran["benar"].append(beban(f"{basis}/bench/lapor-minimal", u, laporan=f.name))
            bersihkan()
            putaran["minimal"].append(beban(f"{basis}/bench/tulis-minimal", u, laporan=f.name))
        os.unlink(f.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        Token.objects.filter(key__in=list(token.values())).delete()
        bersihkan()
    ping, lapor, minimal, benar = (
        gabung_putaran(putaran[k]) for k in ("ping", "lapor", "minimal", "benar")
    )
    rasio = lapor["per_detik"] / max(benar["per_detik"], 0.001)
    gagal = f", {lapor['gagal']} gagal {lapor['status']}" if lapor["gagal"] else ""
    gagal_benar = f", {benar['gagal']} gagal {benar['status']}" if benar["gagal"] else ""
    ok = rasio >= 0.8 and lapor["p95_ms"] < 100 and not lapor["gagal"]
    tulis(
        f"2 POST laporan-harian (gunicorn {u['workers']} worker, {u['klien']} klien, "
        f"{lapor['jumlah']:,} permintaan{gagal}): {lapor['per_detik']:.0f}/s p50 "
        f"{lapor['p50_ms']:.1f} ms p95 {lapor['p95_ms']:.1f} ms | batas /bench/lapor-minimal "
        f"(token + kunci + 1 INSERT berpenjaga{gagal_benar}) {benar['per_detik']:.0f}/s p50 "
        f"{benar['p50_ms']:.1f} ms p95 {benar['p95_ms']:.1f} ms -> filing/minimal "
        f"{rasio:.2f}x (target >= 0.8x dan p95 < 100 ms: {ya(ok)}) | /bench/ping tanpa "
        f"database {ping['per_detik']:.0f}/s p50 {ping['p50_ms']:.1f} ms -> filing/ping "
        f"{lapor['per_detik'] / max(ping['per_detik'], 0.001):.2f}x | /bench/tulis-minimal "
        f"(DRF + token + 1 INSERT tanpa aturan) {minimal['per_detik']:.0f}/s p50 "
        f"{minimal['p50_ms']:.1f} ms"
    )
