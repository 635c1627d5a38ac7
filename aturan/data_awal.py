"""The rule rows shipped with the system (seeded by `aturan/migrations/0002_data_awal.py`).

Kept here as plain data so the migration and docs/ATURAN.md name the same values. The first
row of a code with `berlaku_mulai` 2000-01-01 is a floor: the regulation named is the one in
force from before any data this system holds, not a claim about that exact date.
"""

from __future__ import annotations

from datetime import date

from . import katalog as k

AWAL = date(2000, 1, 1)

PENDIDIKAN = {
    # ijazah code (pegawai.JenjangPendidikan): entry golongan, highest by regular promotion
    "SD": {"awal": "I/a", "plafon": "II/a"},
    "SMP": {"awal": "I/c", "plafon": "II/c"},
    "SMPK": {"awal": "I/c", "plafon": "II/d"},
    "SLTA": {"awal": "II/a", "plafon": "III/b"},  # SLTA and SLTA Kejuruan
    "D1": {"awal": "II/a", "plafon": "III/b"},
    "D2": {"awal": "II/b", "plafon": "III/b"},
    "SGPL": {"awal": "II/b", "plafon": "III/c"},  # SGPLB
    "SM": {"awal": "II/c", "plafon": "III/c"},  # Sarjana Muda
    "D3": {"awal": "II/c", "plafon": "III/c"},
    "S1": {"awal": "III/a", "plafon": "III/d"},
    "D4": {"awal": "III/a", "plafon": "III/d"},
    "S2": {"awal": "III/b", "plafon": "IV/a"},
    "PROF": {"awal": "III/b", "plafon": "IV/a"},  # dokter, apoteker
    "S3": {"awal": "III/c", "plafon": "IV/b"},
}

KURVA = {
    "ISTIMEWA": [
        {"jenis": "terbanyak", "predikat": ["SANGAT_BAIK"], "nilai": 0},
        {"jenis": "maks_persen", "predikat": ["SANGAT_BAIK"], "nilai": 70},
    ],
    "BAIK": [
        {"jenis": "terbanyak", "predikat": ["BAIK"], "nilai": 0},
        {"jenis": "maks_persen", "predikat": ["BAIK"], "nilai": 70},
        {"jenis": "min_jumlah", "predikat": ["BUTUH_PERBAIKAN", "KURANG"], "nilai": 1},
    ],
    "BUTUH_PERBAIKAN": [
        {"jenis": "min_persen", "predikat": ["BUTUH_PERBAIKAN"], "nilai": 60},
        {"jenis": "maks_persen", "predikat": ["SANGAT_BAIK"], "nilai": 10},
    ],
    "KURANG": [
        {"jenis": "min_persen", "predikat": ["KURANG"], "nilai": 60},
        {"jenis": "min_persen", "predikat": ["BUTUH_PERBAIKAN"], "nilai": 10},
        {"jenis": "maks_persen", "predikat": ["SANGAT_BAIK"], "nilai": 10},
    ],
    "SANGAT_KURANG": [
        {"jenis": "min_persen", "predikat": ["SANGAT_KURANG"], "nilai": 60},
        {"jenis": "min_persen", "predikat": ["KURANG", "BUTUH_PERBAIKAN"], "nilai": 10},
        {"jenis": "maks_persen", "predikat": ["SANGAT_BAIK"], "nilai": 0},
    ],
}

KOEFISIEN_AK = {
    "PEMULA": "3.75",
    "TERAMPIL": "5",
    "MAHIR": "12.5",
    "PENYELIA": "25",
    "AHLI_PERTAMA": "12.5",
    "AHLI_MUDA": "25",
    "AHLI_MADYA": "37.5",
    "AHLI_UTAMA": "50",
}

PERSENTASE_AK = {
    "SANGAT_BAIK": 150,
    "BAIK": 100,
    "BUTUH_PERBAIKAN": 75,
    "KURANG": 50,
    "SANGAT_KURANG": 25,
}

# Cumulative angka kredit needed to leave a golongan while in a jenjang: to the next
# golongan of the same jenjang (kenaikan pangkat) or, at the top golongan of the jenjang, to
# the next jenjang (kenaikan jenjang). PermenPANRB 1/2023 annex, as read from secondary
# sources: verify.
KEBUTUHAN_AK = {
    "PEMULA": {"II/a": 15},
    "TERAMPIL": {"II/b": 20, "II/c": 20, "II/d": 60},
    "MAHIR": {"III/a": 50, "III/b": 100},
    "PENYELIA": {"III/c": 100},
    "AHLI_PERTAMA": {"III/a": 50, "III/b": 100},
    "AHLI_MUDA": {"III/c": 100, "III/d": 200},
    "AHLI_MADYA": {"IV/a": 150, "IV/b": 150, "IV/c": 450},
    "AHLI_UTAMA": {"IV/d": 200},
}

# (kode, berlaku_mulai, nilai, regulasi, perlu_verifikasi, keterangan)
BARIS = [
    (k.KP_BULAN_PERIODE, AWAL, {"bulan": [4, 10]},
     "PP 99/2000 jo. PP 12/2002", False, "Periode 1 April dan 1 Oktober."),
    (k.KP_BULAN_PERIODE, date(2024, 1, 1), {"bulan": [2, 4, 6, 8, 10, 12]},
     "Peraturan BKN Nomor 4 Tahun 2023", False,
     "Periode 1 Februari, April, Juni, Agustus, Oktober dan Desember."),
    (k.KP_BULAN_PERIODE, date(2025, 10, 1), {"bulan": list(range(1, 13))},
     "Peraturan BKN Nomor 4 Tahun 2025", False, "Periode tanggal 1 setiap bulan."),
    (k.KP_PENDIDIKAN, AWAL, PENDIDIKAN,
     "PP 99/2000 jo. PP 12/2002; Keputusan Kepala BKN Nomor 12 Tahun 2002", False,
     "Golongan awal pengangkatan dan golongan tertinggi kenaikan pangkat reguler per ijazah."),
    (k.JP_BATAS_TAHUNAN, AWAL,
     {"PNS": {"minimal": 20}, "CPNS": {"minimal": 20}, "PPPK": {"maksimal": 24}},
     "PP 11/2017 jo. PP 17/2020 (PNS paling sedikit 20 JP); "
     "PP 49/2018 Pasal 40 ayat (1) (PPPK paling lama 24 JP)", False,
     "PNS/CPNS: target minimal. PPPK: batas atas, bukan target."),
    (k.KINERJA_KURVA, date(2022, 1, 1), KURVA,
     "PermenPANRB Nomor 6 Tahun 2022; SE MenPANRB Nomor 3 Tahun 2023", True,
     "Kurva distribusi predikat pegawai menurut hasil kinerja organisasi."),
    (k.AK_KOEFISIEN, date(2023, 1, 1), KOEFISIEN_AK,
     "PermenPANRB Nomor 1 Tahun 2023", True, "Koefisien angka kredit tahunan per jenjang."),
    (k.AK_PERSENTASE, date(2023, 1, 1), PERSENTASE_AK,
     "PermenPANRB Nomor 1 Tahun 2023", True, "Persentase koefisien menurut predikat kinerja."),
    (k.AK_KEBUTUHAN, date(2023, 1, 1), KEBUTUHAN_AK,
     "PermenPANRB Nomor 1 Tahun 2023", True,
     "Angka kredit kumulatif minimal per golongan dalam jenjang (kenaikan pangkat; pada "
     "golongan tertinggi jenjang: kenaikan jenjang)."),
]  # fmt: skip
