"""The distribution curve compares exact fractions (DOMAIN.md §3): count × 100 against
bound × total. Every percentage bound of the seeded table on the bound, one over, one under."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja import rules
from kinerja.rules import BAIK, BUTUH_PERBAIKAN, ISTIMEWA, KURANG, SANGAT_BAIK, SANGAT_KURANG
from tests.kinerja.kurva_uji import KURVA


def test_701_dari_1001_melanggar_plafon_70_persen():
    jumlah = {BAIK: 701, BUTUH_PERBAIKAN: 150, SANGAT_BAIK: 150}
    [p] = rules.cek_distribusi(BAIK, jumlah, KURVA)
    assert p.pesan == "Aturan: Baik paling banyak 70%. Saat ini 70,03% (701 dari 1001)."


def test_1200_dari_2001_di_bawah_batas_bawah_60_persen():
    jumlah = {BUTUH_PERBAIKAN: 1200, BAIK: 801}
    [p] = rules.cek_distribusi(BUTUH_PERBAIKAN, jumlah, KURVA)
    assert p.pesan == (
        "Aturan: Butuh Perbaikan paling sedikit 60%. Saat ini 59,97% (1200 dari 2001)."
    )


def test_tepat_pada_batas_lulus():
    assert rules.cek_distribusi(BAIK, {BAIK: 700, BUTUH_PERBAIKAN: 300}, KURVA) == []
    assert rules.cek_distribusi(BUTUH_PERBAIKAN, {BUTUH_PERBAIKAN: 1200, BAIK: 800}, KURVA) == []


def _baris_persen():
    for hasil, daftar in KURVA.items():
        for a in daftar:
            if a.jenis in (rules.MAKS_PERSEN, rules.MIN_PERSEN):
                yield hasil, a


def _isi(hasil, a, n, total):
    """`n` employees in the rule's predikat, the rest in a predikat outside it that breaks
    no other percentage rule of interest (only this rule's outcome is asserted)."""
    lain = next(p for p in rules.PREDIKAT if p not in a.predikat)
    return {next(iter(sorted(a.predikat))): n, lain: total - n}


@pytest.mark.parametrize(("hasil", "aturan"), list(_baris_persen()))
@pytest.mark.parametrize("total", [10, 1000, 1001])
def test_setiap_batas_persen_pada_satu_di_atas_satu_di_bawah(hasil, aturan, total):
    # The largest count still within the bound, and its neighbours.
    batas = aturan.nilai * total / 100
    for n in {int(batas) - 1, int(batas), int(batas) + 1}:
        if not 0 <= n <= total:
            continue
        dilanggar = aturan in [
            p.aturan for p in rules.cek_distribusi(hasil, _isi(hasil, aturan, n, total), KURVA)
        ]
        if aturan.jenis == rules.MAKS_PERSEN:
            assert dilanggar == (Fraction(n, total) * 100 > aturan.nilai), (n, total)
        else:
            assert dilanggar == (Fraction(n, total) * 100 < aturan.nilai), (n, total)


HASIL = [ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG]


@given(
    hasil=st.sampled_from(HASIL),
    jumlah=st.fixed_dictionaries({p: st.integers(0, 3000) for p in rules.PREDIKAT}),
)
def test_putusan_persen_sama_dengan_perbandingan_pecahan_eksak(hasil, jumlah):
    total = sum(jumlah.values())
    dilanggar = {id(p.aturan) for p in rules.cek_distribusi(hasil, jumlah, KURVA)}
    for a in KURVA[hasil]:
        if total == 0 or a.jenis not in (rules.MAKS_PERSEN, rules.MIN_PERSEN):
            continue
        share = Fraction(sum(jumlah[p] for p in a.predikat) * 100, total)
        harus = share > a.nilai if a.jenis == rules.MAKS_PERSEN else share < a.nilai
        assert (id(a) in dilanggar) == harus


def test_sangat_kurang_plafon_nol_satu_sangat_baik_melanggarnya():
    [p] = [
        p for p in rules.cek_distribusi(SANGAT_KURANG, {SANGAT_KURANG: 999, SANGAT_BAIK: 1,
                                                         KURANG: 200}, KURVA)
        if p.aturan.uraian == "tidak ada Sangat Baik"
    ]  # fmt: skip
    assert p.pesan.endswith("Saat ini 0,09% (1 dari 1200).")
