"""Synthetic, valid employee rows in the import layout (for benchmarks and load tests)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from pegawai.impor import KOLOM

NAMA_DEPAN = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hadi", "Indah", "Joko",
              "Kartika", "Lestari", "Made", "Nur", "Putri", "Rina", "Sri", "Tono", "Wahyu", "Yuni"]
NAMA_BELAKANG = ["Saputra", "Wijaya", "Hidayat", "Lubis", "Nugroho", "Susanto", "Pratama",
                 "Harahap", "Siregar", "Kusuma", "Rahmawati", "Anggraini"]  # fmt: skip


def baris_sintetis(jumlah: int, kode_unit: list[str], *, seed: int = 2026) -> list[dict[str, Any]]:
    """`jumlah` rows with consistent NIP/NIK; every 20th row heads the next 19 (atasan)."""
    acak = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for i in range(jumlah):
        lahir = date(1965, 1, 1) + timedelta(days=acak.randrange(0, 365 * 35))
        kelamin = acak.choice("LP")
        pppk = i % 7 == 6
        urut = i % 999 + 1
        g = "1" if kelamin == "L" else "2"
        # The serial i // 999 in the TMT year keeps NIPs unique across 999 sequence numbers.
        tahun_tmt = min(lahir.year + 20 + (i // 999) % 20, 2025)
        if pppk:
            nip = f"{lahir:%Y%m%d}{tahun_tmt}2{1 + (i // 999) % 9}{g}{urut:03d}"
        else:
            nip = f"{lahir:%Y%m%d}{tahun_tmt}{1 + (i // 999) % 12:02d}{g}{urut:03d}"
        hari = lahir.day + (40 if kelamin == "P" else 0)
        nik = f"1871{i % 90 + 10:02d}{hari:02d}{lahir:%m%y}{i % 9999 + 1:04d}"
        kepala = rows[i - i % 20]["NIP"] if i % 20 else ""
        rows.append(
            dict(
                zip(
                    KOLOM,
                    [nip, nik, f"{acak.choice(NAMA_DEPAN)} {acak.choice(NAMA_BELAKANG)}", "",
                     "S.E.", "Bandar Lampung", lahir.strftime("%d-%m-%Y"), kelamin, "Islam",
                     "PPPK" if pppk else "PNS", "IX" if pppk else "III/b", "01-04-2024", "S1",
                     "Manajemen", kode_unit[(i // 20) % len(kode_unit)], "Analis", "Pelaksana",
                     kepala, f"pegawai{i}@lampungprov.go.id", f"08{1200000000 + i}"],
                    strict=True,
                )
            )
        )  # fmt: skip
    return rows
