"""Figure 2: filing a daily report through the API on gunicorn under concurrent clients,
against the minimal correct filing (`/bench/lapor-minimal`: token, lock, one guarded INSERT)
and `/bench/ping` of the same server."""

from __future__ import annotations

from typing import Any

from bench.alat import Tulis, beban, gabung_putaran, pelapor_gunicorn, ya


def jalankan(tulis: Tulis, u: dict[str, Any]) -> None:
    slot_per_pegawai = 4 * 47  # four past days of filing slots per employee
    k = min(2000, u["maks"] // slot_per_pegawai + 2 * u["klien"] + 1)
    with pelapor_gunicorn(k, u["workers"]) as p:
        # Rounds alternate between the two endpoints, so that other load on the machine
        # weighs on both alike.
        putaran: dict[str, list[dict]] = {"ping": [], "lapor": [], "minimal": [], "benar": []}
        for _ in range(u["putaran"]):
            putaran["ping"].append(beban(f"{p.basis}/bench/ping", u))
            p.bersihkan()  # each round files into the same empty slots
            putaran["lapor"].append(
                beban(f"{p.basis}/api/v1/kinerja/laporan-harian/", u, laporan=p.berkas)
            )
            p.bersihkan()
            putaran["benar"].append(beban(f"{p.basis}/bench/lapor-minimal", u, laporan=p.berkas))
            p.bersihkan()
            putaran["minimal"].append(
                beban(f"{p.basis}/bench/tulis-minimal", u, laporan=p.berkas)
            )
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
