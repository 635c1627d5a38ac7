"""The rule-row mechanism: the row in force on a date, each side of every effective date,
validation of values, history of edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from aturan import katalog
from aturan.berlaku import AturanTidakAda, aturan_berlaku, aturan_riwayat
from aturan.data_awal import BARIS
from aturan.models import Aturan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("kode", "mulai", "nilai", "regulasi", "verifikasi", "_k"), BARIS)
def test_setiap_baris_bawaan_sah_dan_berlaku_sejak_tanggalnya(
    kode, mulai, nilai, regulasi, verifikasi, _k
):
    assert katalog.cek_nilai(kode, nilai) == []
    pada = aturan_berlaku(kode, pada=mulai)
    assert (pada.berlaku_mulai, pada.nilai, pada.regulasi) == (mulai, nilai, regulasi)
    assert pada.perlu_verifikasi is verifikasi
    sehari_sebelum = mulai - timedelta(days=1)
    try:
        sebelumnya = aturan_berlaku(kode, pada=sehari_sebelum)
    except AturanTidakAda:
        return
    assert sebelumnya.berlaku_mulai < mulai


def test_periode_kp_berganti_tepat_pada_setiap_tanggal_berlaku():
    def bulan(d):
        return aturan_berlaku(katalog.KP_BULAN_PERIODE, pada=d).nilai["bulan"]

    assert bulan(date(2023, 12, 31)) == [4, 10]
    assert bulan(date(2024, 1, 1)) == [2, 4, 6, 8, 10, 12]
    assert bulan(date(2025, 9, 30)) == [2, 4, 6, 8, 10, 12]
    assert bulan(date(2025, 10, 1)) == list(range(1, 13))


def test_tanggal_sebelum_baris_pertama_dijelaskan_dalam_bahasa_indonesia():
    with pytest.raises(AturanTidakAda, match="Belum ada aturan angka_kredit.koefisien"):
        aturan_berlaku(katalog.AK_KOEFISIEN, pada=date(2022, 12, 31))


def test_sumber_menyebut_regulasi_tanggal_dan_tanda_verifikasi():
    assert aturan_berlaku(katalog.KP_BULAN_PERIODE, pada=date(2026, 1, 5)).sumber == (
        "Peraturan BKN Nomor 4 Tahun 2025 (berlaku 1 Oktober 2025)"
    )
    assert aturan_berlaku(katalog.AK_KOEFISIEN, pada=date(2026, 1, 5)).sumber.endswith(
        "– perlu verifikasi"
    )


def test_riwayat_mendaftar_baris_terlama_dahulu():
    tanggal = [r.berlaku_mulai for r in aturan_riwayat(katalog.KP_BULAN_PERIODE)]
    assert tanggal == [date(2000, 1, 1), date(2024, 1, 1), date(2025, 10, 1)]


@pytest.mark.parametrize(
    ("kode", "nilai", "pesan"),
    [
        (katalog.KP_BULAN_PERIODE, {"bulan": [0, 4]}, "1 sampai 12"),
        (katalog.KP_BULAN_PERIODE, {"bulan": [13]}, "1 sampai 12"),
        (katalog.KP_BULAN_PERIODE, {"bulan": [4, 4]}, "dua kali"),
        (katalog.KP_BULAN_PERIODE, {"bulan": []}, "daftar bulan"),
        (katalog.KP_PENDIDIKAN, {"SD": {"awal": "I/f", "plafon": "II/a"}}, "bukan golongan"),
        (katalog.KP_PENDIDIKAN, {"SD": {"awal": "I/a"}}, "tepat 'awal' dan 'plafon'"),
        (katalog.JP_BATAS_TAHUNAN, {"PNS": {"minimal": -1}}, "≥ 0"),
        (katalog.JP_BATAS_TAHUNAN, {"PNS": {"minimal": 30, "maksimal": 24}}, "lebih besar"),
        (katalog.KINERJA_KURVA, {"BAIK": [{"jenis": "x", "predikat": ["BAIK"]}]}, "jenis"),
        (katalog.KINERJA_KURVA,
         {"BAIK": [{"jenis": "maks_persen", "predikat": ["BAIK"], "nilai": 101}]}, "0–100"),
        (katalog.AK_KOEFISIEN, {"AHLI_MUDA": 0}, "> 0"),
        (katalog.AK_KOEFISIEN, {"AHLI_MUDA": "dua"}, "> 0"),
        (katalog.AK_PERSENTASE, {"BAIK": -5}, "≥ 0"),
        (katalog.AK_KEBUTUHAN, {"AHLI_MUDA": {"III/x": 100}}, "bukan golongan"),
        ("tidak.ada", {}, "tidak dikenal"),
    ],
)  # fmt: skip
def test_nilai_rusak_ditolak_dengan_menyebut_masalahnya(kode, nilai, pesan):
    masalah = katalog.cek_nilai(kode, nilai)
    assert masalah and pesan in " ".join(masalah)


def test_full_clean_menolak_baris_salah_dan_tidak_ada_yang_ditulis():
    a = Aturan(kode=katalog.KP_BULAN_PERIODE, berlaku_mulai=date(2030, 1, 1),
               nilai={"bulan": [13]}, regulasi="Uji")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        a.full_clean()
    assert "nilai" in exc.value.message_dict
    assert not Aturan.objects.filter(berlaku_mulai=date(2030, 1, 1)).exists()


def test_baris_baru_berlaku_sejak_tanggalnya_dan_suntingan_menyimpan_riwayat():
    a = Aturan.objects.create(
        kode=katalog.KP_BULAN_PERIODE, berlaku_mulai=date(2030, 1, 1),
        nilai={"bulan": [1, 7]}, regulasi="Peraturan BKN (uji)",
    )  # fmt: skip
    assert aturan_berlaku(katalog.KP_BULAN_PERIODE, pada=date(2029, 12, 31)).nilai["bulan"] == (
        list(range(1, 13))
    )
    assert aturan_berlaku(katalog.KP_BULAN_PERIODE, pada=date(2030, 1, 1)).nilai["bulan"] == [1, 7]
    a.nilai = {"bulan": [1]}
    a.save()
    assert a.history.count() == 2


def test_tabel_kosong_kembali_ke_baris_bawaan():
    Aturan.objects.all().delete()
    assert aturan_berlaku(katalog.KP_BULAN_PERIODE, pada=date(2024, 6, 1)).nilai == {
        "bulan": [2, 4, 6, 8, 10, 12]
    }
    # One row HR keeps replaces the shipped ones of its code entirely.
    Aturan.objects.create(kode=katalog.KP_BULAN_PERIODE, berlaku_mulai=date(2000, 1, 1),
                          nilai={"bulan": [4]}, regulasi="HR")  # fmt: skip
    assert aturan_berlaku(katalog.KP_BULAN_PERIODE, pada=date(2024, 6, 1)).nilai == {"bulan": [4]}
