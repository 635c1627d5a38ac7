"""National holidays and cuti bersama shipped as data (seeded by a data migration; HR keeps
the table in the admin afterwards). See docs/HARI_LIBUR.md for adding the next year.

2026: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB tentang hari libur
nasional dan cuti bersama tahun 2026. 2027: no SKB was available when this was written: the
fixed-date holidays are certain, the Christian movable feasts follow Easter (28 March 2027),
the Islamic, Chinese, Hindu and Buddhist dates are estimates; every 2027 row is marked
"perlu verifikasi" and no cuti bersama is shipped for 2027.
"""

from __future__ import annotations

from datetime import date

LIBUR = "LIBUR"
CUTI = "CUTI_BERSAMA"
SKB_2026 = "SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026"
PERKIRAAN_2027 = "Perkiraan; menunggu SKB 3 Menteri tahun 2027"

# (tanggal, keterangan, jenis, sumber, perlu_verifikasi)
HARI_LIBUR = [
    (date(2026, 1, 1), "Tahun Baru 2026 Masehi", LIBUR, SKB_2026, False),
    (date(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW", LIBUR, SKB_2026, False),
    (date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek", CUTI, SKB_2026, False),
    (date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", LIBUR, SKB_2026, False),
    (date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi", CUTI, SKB_2026, False),
    (date(2026, 3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948", LIBUR, SKB_2026, False),
    (date(2026, 3, 20), "Cuti bersama Idul Fitri 1447 H", CUTI, SKB_2026, False),
    (date(2026, 3, 21), "Idul Fitri 1447 H", LIBUR, SKB_2026, False),
    (date(2026, 3, 22), "Idul Fitri 1447 H (hari kedua)", LIBUR, SKB_2026, False),
    (date(2026, 3, 23), "Cuti bersama Idul Fitri 1447 H", CUTI, SKB_2026, False),
    (date(2026, 3, 24), "Cuti bersama Idul Fitri 1447 H", CUTI, SKB_2026, False),
    (date(2026, 4, 3), "Wafat Yesus Kristus", LIBUR, SKB_2026, False),
    (date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", LIBUR, SKB_2026, False),
    (date(2026, 5, 1), "Hari Buruh Internasional", LIBUR, SKB_2026, False),
    (date(2026, 5, 14), "Kenaikan Yesus Kristus", LIBUR, SKB_2026, False),
    (date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus", CUTI, SKB_2026, False),
    (date(2026, 5, 27), "Idul Adha 1447 H", LIBUR, SKB_2026, False),
    (date(2026, 5, 28), "Cuti bersama Idul Adha 1447 H", CUTI, SKB_2026, False),
    (date(2026, 5, 31), "Hari Raya Waisak 2570 BE", LIBUR, SKB_2026, False),
    (date(2026, 6, 1), "Hari Lahir Pancasila", LIBUR, SKB_2026, False),
    (date(2026, 6, 16), "Tahun Baru Islam 1448 H", LIBUR, SKB_2026, False),
    (date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia", LIBUR, SKB_2026, False),
    (date(2026, 8, 25), "Maulid Nabi Muhammad SAW", LIBUR, SKB_2026, False),
    (date(2026, 12, 24), "Cuti bersama Hari Raya Natal", CUTI, SKB_2026, False),
    (date(2026, 12, 25), "Hari Raya Natal", LIBUR, SKB_2026, False),
    (date(2027, 1, 1), "Tahun Baru 2027 Masehi", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 1, 5), "Isra Mikraj Nabi Muhammad SAW (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 2, 6), "Tahun Baru Imlek 2578 Kongzili (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 3, 8), "Hari Suci Nyepi Tahun Baru Saka 1949 (perkiraan)", LIBUR, PERKIRAAN_2027,
     True),
    (date(2027, 3, 10), "Idul Fitri 1448 H (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 3, 11), "Idul Fitri 1448 H hari kedua (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 3, 26), "Wafat Yesus Kristus", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 3, 28), "Kebangkitan Yesus Kristus (Paskah)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 5, 1), "Hari Buruh Internasional", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 5, 6), "Kenaikan Yesus Kristus", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 5, 17), "Idul Adha 1448 H (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 5, 20), "Hari Raya Waisak 2571 BE (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 6, 1), "Hari Lahir Pancasila", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 6, 6), "Tahun Baru Islam 1449 H (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 8, 15), "Maulid Nabi Muhammad SAW (perkiraan)", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 8, 17), "Hari Kemerdekaan Republik Indonesia", LIBUR, PERKIRAAN_2027, True),
    (date(2027, 12, 25), "Hari Raya Natal", LIBUR, PERKIRAAN_2027, True),
]  # fmt: skip
