"""The pure rules, table by table (DOMAIN.md §4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pelatihan import rules


@pytest.mark.parametrize(
    ("hadir", "hasil", "diakui"),
    [
        (True, "LULUS", 24),
        (True, "", 24),  # a seminar without a test: attended = completed
        (True, "TIDAK_LULUS", 0),
        (False, "", 0),
        (None, "", 0),  # attendance not recorded yet
        (None, "LULUS", 0),
    ],
)
def test_jp_diakui(hadir, hasil, diakui):
    assert rules.jp_diakui(jp_program=24, hadir=hadir, hasil=hasil) == Decimal(diakui)


@pytest.mark.parametrize(
    ("menit", "jp"),
    [(45, "1.00"), (90, "2.00"), (60, "1.33"), (0, "0.00"), (44, "0.97"), (120, "2.66")],
)
def test_jp_dari_menit_45_menit_satu_jp_dibulatkan_ke_bawah(menit, jp):
    assert rules.jp_dari_menit(menit) == Decimal(jp)


def test_sesi_yang_melewati_tahun_baru_dihitung_pada_tahun_selesai():
    tgl = rules.tanggal_jp(tanggal_mulai=date(2025, 12, 29), tanggal_selesai=date(2026, 1, 2))
    assert tgl == date(2026, 1, 2)
    entri = [(tgl, Decimal(30)), (date(2025, 12, 31), Decimal(4)), (date(2026, 1, 1), 2)]
    assert rules.jp_tahunan(entri, 2025) == Decimal(4)
    assert rules.jp_tahunan(entri, 2026) == Decimal(32)


@pytest.mark.parametrize(
    ("jp", "target", "kurang", "persen"),
    [(0, 20, 20, 0), (12, 20, 8, 60), (20, 20, 0, 100), (31, 20, 0, 100), (5, 0, 0, 100)],
)
def test_kekurangan_dan_persen(jp, target, kurang, persen):
    assert rules.kekurangan_jp(jp=jp, target=target) == kurang
    assert rules.persen_jp(jp=jp, target=target) == persen


@pytest.mark.parametrize(
    ("a", "b", "bentrok"),
    [
        ((date(2026, 3, 2), date(2026, 3, 4)), (date(2026, 3, 4), date(2026, 3, 6)), True),
        ((date(2026, 3, 2), date(2026, 3, 4)), (date(2026, 3, 5), date(2026, 3, 6)), False),
        ((date(2026, 3, 2), date(2026, 3, 10)), (date(2026, 3, 4), date(2026, 3, 5)), True),
        ((date(2026, 3, 5), date(2026, 3, 5)), (date(2026, 3, 1), date(2026, 3, 4)), False),
    ],
)
def test_tanggal_bentrok(a, b, bentrok):
    assert rules.tanggal_bentrok(*a, *b) is bentrok
    assert rules.tanggal_bentrok(*b, *a) is bentrok


def test_kuota_penuh_menyebut_jumlah_kursi():
    assert rules.cek_kuota(kuota=2, terisi=1) is None
    assert rules.cek_kuota(kuota=2, terisi=2) == "Kuota sesi sudah penuh (2 dari 2 kursi terisi)."


def test_bentrok_menyebut_sesi_lain_dan_tanggalnya():
    sesi = rules.SesiRingkas(1, "Bimtek A – S1", date(2026, 3, 2), date(2026, 3, 4))
    lain = rules.SesiRingkas(2, "Diklat B – S2", date(2026, 3, 4), date(2026, 3, 5))
    pesan = rules.cek_bentrok(sesi=sesi, sesi_lain=[sesi, lain], nama="Siti")
    assert pesan == (
        "Siti sudah terdaftar pada Diklat B – S2 (04-03-2026 s.d. 05-03-2026) yang tanggalnya "
        "bentrok dengan sesi ini."
    )


@pytest.mark.parametrize(
    ("terbit", "bulan", "kedaluwarsa"),
    [
        (date(2026, 1, 15), 12, date(2027, 1, 14)),
        (date(2026, 1, 31), 1, date(2026, 2, 27)),  # 28 Feb is the same date a month on
        (date(2024, 2, 29), 12, date(2025, 2, 27)),
        (date(2026, 1, 15), None, None),
        (date(2026, 1, 15), 0, None),
    ],
)
def test_tanggal_kedaluwarsa(terbit, bulan, kedaluwarsa):
    assert rules.tanggal_kedaluwarsa(terbit=terbit, masa_berlaku_bulan=bulan) == kedaluwarsa


@pytest.mark.parametrize(
    ("sisa_hari", "sudah", "tahap"),
    [
        (120, None, None),
        (90, None, 90),
        (60, None, 90),
        (60, 90, None),  # the 90-day reminder went out already
        (30, 90, 30),
        (20, None, 30),  # first seen late: only the nearest point
        (7, 30, 7),
        (3, 7, None),
        (0, 30, 7),
        (-1, None, None),  # expired: no more reminders
    ],
)
def test_tahap_pengingat_sertifikat(sisa_hari, sudah, tahap):
    pada = date(2026, 6, 1)
    kedaluwarsa = date.fromordinal(pada.toordinal() + sisa_hari)
    assert (
        rules.tahap_pengingat(kedaluwarsa=kedaluwarsa, pada=pada, tahap=[90, 30, 7], sudah=sudah)
        == tahap
    )


def test_jadwal_survei_reaksi_saat_selesai_penerapan_n_hari_kemudian():
    jadwal = rules.jadwal_survei(tanggal_selesai=date(2026, 3, 4), hari_aplikasi=90)
    assert jadwal == {"REAKSI": date(2026, 3, 4), "APLIKASI": date(2026, 6, 2)}


@pytest.mark.parametrize(
    ("pada", "jatuh"),
    [
        (date(2026, 3, 3), []),  # still running
        (date(2026, 3, 4), ["REAKSI"]),  # last day
        (date(2026, 4, 3), ["REAKSI"]),  # 30 days late: still caught up
        (date(2026, 4, 4), []),  # too late
        (date(2026, 6, 1), []),
        (date(2026, 6, 2), ["APLIKASI"]),
        (date(2026, 7, 2), ["APLIKASI"]),
        (date(2026, 7, 3), []),
    ],
)
def test_survei_jatuh_tempo(pada, jatuh):
    assert (
        rules.survei_jatuh_tempo(
            tanggal_selesai=date(2026, 3, 4), hari_aplikasi=90, pada=pada, tenggang_hari=30
        )
        == jatuh
    )


def test_kesenjangan_standar_dan_asesmen():
    standar = {1: 3, 2: 4, 3: 2, 4: 3}
    asesmen = {1: 3, 2: 2, 3: 1, 9: 1}  # 4 never assessed; 9 is outside the standard
    gaps = rules.kesenjangan(standar=standar, asesmen=asesmen)
    assert [(g.kompetensi_id, g.standar, g.hasil, g.selisih) for g in gaps] == [
        (2, 4, 2, 2),
        (3, 2, 1, 1),
        (4, 3, None, None),
    ]
    assert gaps[-1].belum_diases


def test_tanpa_kesenjangan_bila_asesmen_di_atas_standar():
    assert rules.kesenjangan(standar={1: 3}, asesmen={1: 5}) == []
    assert rules.kesenjangan(standar={}, asesmen={1: 1}) == []


@pytest.mark.parametrize(
    ("target", "standar", "menutup"), [(3, 3, True), (4, 3, True), (2, 3, False)]
)
def test_program_menutup(target, standar, menutup):
    assert rules.program_menutup(level_target=target, standar=standar) is menutup


def test_saran_sesi_yang_cukup_lebih_dulu():
    sesi = [(1, 8), (2, 30), (3, 12), (4, 24)]
    assert rules.saran_sesi(kekurangan=20, sesi=sesi) == [2, 4]
    assert rules.saran_sesi(kekurangan=40, sesi=sesi) == [2, 4]
    assert rules.saran_sesi(kekurangan=10, sesi=sesi, maks=3) == [2, 3, 4]
    assert rules.saran_sesi(kekurangan=0, sesi=sesi) == []


def test_bentuk_pelatihan():
    assert rules.bentuk_pelatihan("BIMTEK") == "KLASIKAL"
    assert rules.bentuk_pelatihan("COACHING") == "NONKLASIKAL"
    with pytest.raises(ValueError):
        rules.bentuk_pelatihan("LAIN")
