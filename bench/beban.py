"""Load generator for the API figure of `make bench` (stdlib only, loopback only).

    python -m bench.beban http://127.0.0.1:PORT/bench/ping --klien 8 --durasi 10 --maks 20000
    python -m bench.beban http://127.0.0.1:PORT/api/v1/kinerja/laporan-harian/ --laporan F.json

`--klien` threads, each with its own connection, send requests back to back (closed loop) for
`--pemanasan` seconds (not counted) and then `--durasi` seconds or `--maks` requests, whichever
comes first. With `--laporan` each request POSTs a daily report: the file holds
{"tanggal": [...], "pegawai": [[token, [rhk ids]], ...]}; every thread files for its own
employees, one 10-minute slot after another, so no two requests ever overlap in time.

Prints one JSON object: jumlah (counted requests), gagal (non-2xx or errors), detik,
per_detik, p50_ms, p95_ms, p99_ms, status (count per status code).
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator

# 10-minute slots in the evening, where no seeded report lies: 16:00–16:10 ... 23:40–23:50.
SLOT = [(f"{16 + m // 60:02d}:{m % 60:02d}", f"{16 + (m + 10) // 60:02d}:{(m + 10) % 60:02d}")
        for m in range(0, 470, 10)]  # fmt: skip

Permintaan = tuple[str, dict[str, str], bytes | None]


def permintaan_get() -> Iterator[Permintaan]:
    while True:
        yield "GET", {}, None


def permintaan_laporan(tanggal: list[str], pegawai: list) -> Iterator[Permintaan]:
    """Each employee's slots in turn: (day 1, slot 1) for everyone, then slot 2, ..."""
    for hari in tanggal:
        for mulai, selesai in SLOT:
            for k, (token, rhk) in enumerate(pegawai):
                body = {"tanggal": hari, "rhk": rhk[k % len(rhk)], "uraian": "Uji beban API",
                        "kuantitas": "1", "satuan": "dokumen", "jam_mulai": mulai,
                        "jam_selesai": selesai}  # fmt: skip
                kepala = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
                yield "POST", kepala, json.dumps(body).encode()


def jalankan(url: str, klien: int, durasi: float, maks: int, pemanasan: float, laporan) -> dict:
    u = urllib.parse.urlsplit(url)
    if u.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("bench.beban hanya untuk loopback (127.0.0.1).")
    mulai = time.perf_counter()
    awal_ukur = mulai + pemanasan
    batas = awal_ukur + durasi
    kunci = threading.Lock()
    hitung = {"n": 0}
    hasil: list[list[tuple[float, float, int]]] = [[] for _ in range(klien)]

    def kerja(t: int) -> None:
        if laporan is None:
            sumber = permintaan_get()
        else:
            sumber = permintaan_laporan(laporan["tanggal"], laporan["pegawai"][t::klien])
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        for metode, kepala, body in sumber:
            t0 = time.perf_counter()
            if t0 >= batas:
                break
            if t0 >= awal_ukur:
                with kunci:
                    if hitung["n"] >= maks:
                        break
                    hitung["n"] += 1
            try:
                conn.request(metode, u.path, body=body, headers=kepala)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
                if resp.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
                status = 0
            t1 = time.perf_counter()
            if t0 >= awal_ukur:
                hasil[t].append((t0, t1, status))
        conn.close()

    threads = [threading.Thread(target=kerja, args=(t,)) for t in range(klien)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    semua = [r for rs in hasil for r in rs]
    if not semua:
        return {"jumlah": 0, "gagal": 0, "detik": 0.0, "per_detik": 0.0, "p50_ms": 0.0,
                "p95_ms": 0.0, "p99_ms": 0.0, "status": {}}  # fmt: skip
    detik = max(t1 for _, t1, _ in semua) - awal_ukur
    lat = sorted((t1 - t0) * 1000 for t0, t1, _ in semua)
    status = Counter(s for _, _, s in semua)
    return {
        "jumlah": len(semua),
        "gagal": sum(n for s, n in status.items() if not 200 <= s < 300),
        "detik": round(detik, 3),
        "per_detik": round(len(semua) / detik, 1),
        "p50_ms": round(lat[len(lat) // 2], 2),
        "p95_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.95))], 2),
        "p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 2),
        "status": {str(k): v for k, v in sorted(status.items())},
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("url")
    p.add_argument("--klien", type=int, default=8)
    p.add_argument("--durasi", type=float, default=10.0)
    p.add_argument("--maks", type=int, default=20000)
    p.add_argument("--pemanasan", type=float, default=1.0)
    p.add_argument("--laporan", help="JSON file: tanggal and pegawai (token, rhk ids)")
    a = p.parse_args(argv)
    laporan = None
    if a.laporan:
        with open(a.laporan, encoding="utf-8") as f:
            laporan = json.load(f)
    hasil = jalankan(a.url, a.klien, a.durasi, a.maks, a.pemanasan, laporan)
    json.dump(hasil, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
