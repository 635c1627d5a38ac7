"""NIP, NIK and golongan rules (DOMAIN.md §1–2)."""

from datetime import date

import pytest

from pegawai import rules


class TestNip:
    def test_pns_valid(self):
        info = rules.parse_nip("198001012005011001")
        assert info.jenis == rules.JENIS_PNS
        assert info.tanggal_lahir == date(1980, 1, 1)
        assert (info.tahun_tmt, info.bulan_tmt) == (2005, 1)
        assert info.jenis_kelamin == "L"
        assert info.urutan == 1

    def test_spasi_dinormalkan(self):
        assert rules.parse_nip("19800101 200501 1 001").nip == "198001012005011001"

    def test_pppk_valid(self):
        # 1990-02-02 born, TMT 2021, "2" marker, intake 1, woman, sequence 007
        info = rules.parse_nip("199002022021212007")
        assert info.jenis == rules.JENIS_PPPK
        assert info.tahun_tmt == 2021
        assert info.bulan_tmt is None
        assert info.jenis_kelamin == "P"

    @pytest.mark.parametrize(
        ("nip", "pesan"),
        [
            ("", "wajib diisi"),
            ("19800101200501100", "18 digit, diterima 17"),
            ("1980010120050110011", "18 digit, diterima 19"),
            ("19800101200501100A", "hanya boleh berisi angka"),
            ("198002302005011001", "bukan tanggal lahir yang valid"),
            ("198013012005011001", "bukan tanggal lahir yang valid"),
            ("198001012005131001", "bukan bulan TMT yang valid"),
            ("198001012005001001", "bukan bulan TMT yang valid"),
            ("198001012005203001", "21–29 untuk NI PPPK"),
            ("198001012005013001", r"Digit ke-15 NIP \(3\) harus 1"),
            ("198001012005010001", r"Digit ke-15 NIP \(0\) harus 1"),
            ("198001012005011000", "Nomor urut NIP"),
            ("198001011975011001", "tidak mungkin sebelum tanggal lahir"),
        ],
    )
    def test_tidak_sah(self, nip, pesan):
        with pytest.raises(rules.AturanError, match=pesan):
            rules.parse_nip(nip)

    def test_cek_silang_menyebut_kedua_nilai(self):
        info = rules.parse_nip("198001012005011001")
        masalah = rules.cek_nip_dengan_data(
            info, tanggal_lahir=date(1980, 1, 2), jenis_kelamin="P", status_kepegawaian="PPPK"
        )
        assert masalah == [
            "NIP menunjukkan tanggal lahir 01-01-1980, tetapi tanggal lahir tercatat 02-01-1980.",
            "NIP menunjukkan jenis kelamin laki-laki, tetapi jenis kelamin tercatat perempuan.",
            "NIP berformat PNS, tetapi status kepegawaian tercatat PPPK.",
        ]

    def test_cek_silang_konsisten(self):
        info = rules.parse_nip("199002022021212007")
        assert (
            rules.cek_nip_dengan_data(
                info, tanggal_lahir=date(1990, 2, 2), jenis_kelamin="P", status_kepegawaian="PPPK"
            )
            == []
        )

    def test_cpns_memakai_format_pns(self):
        info = rules.parse_nip("198001012005011001")
        assert (
            rules.cek_nip_dengan_data(
                info, tanggal_lahir=None, jenis_kelamin=None, status_kepegawaian="CPNS"
            )
            == []
        )


class TestNik:
    def test_pria(self):
        info = rules.parse_nik("1871010101800001")
        assert (info.hari, info.bulan, info.tahun_dua_digit, info.jenis_kelamin) == (1, 1, 80, "L")

    def test_wanita_tanggalnya_ditambah_empat_puluh(self):
        info = rules.parse_nik("1871014202900002")
        assert (info.hari, info.jenis_kelamin) == (2, "P")

    @pytest.mark.parametrize(
        ("nik", "pesan"),
        [
            ("187101010180000", "16 digit"),
            ("18710101018000011", "16 digit"),
            ("1871O10101800001", "hanya boleh berisi angka"),
            ("0071010101800001", "Kode provinsi"),
            ("1871013201800001", "bukan tanggal lahir"),
            ("1871017201800001", "bukan tanggal lahir"),
            ("1871010113800001", "bukan tanggal lahir"),
            ("1871010101800000", "tidak boleh 0000"),
        ],
    )
    def test_tidak_sah(self, nik, pesan):
        with pytest.raises(rules.AturanError, match=pesan):
            rules.parse_nik(nik)

    def test_cek_silang(self):
        info = rules.parse_nik("1871014202900002")
        assert (
            rules.cek_nik_dengan_data(info, tanggal_lahir=date(1990, 2, 2), jenis_kelamin="P") == []
        )
        masalah = rules.cek_nik_dengan_data(info, tanggal_lahir=date(1990, 2, 3), jenis_kelamin="L")
        assert len(masalah) == 2
        assert "02-02-90" in masalah[0] and "03-02-1990" in masalah[0]

    def test_samarkan(self):
        assert rules.samarkan_nik("1871010101800001") == "1871********0001"
        assert rules.samarkan_nik("") == ""


class TestGolongan:
    @pytest.mark.parametrize(
        ("teks", "status", "hasil"),
        [
            ("III/a", "PNS", "III/a"),
            (" iii / A ", "PNS", "III/a"),
            ("IV-e", "CPNS", "IV/e"),
            ("IX", "PPPK", "IX"),
            ("ix", "PPPK", "IX"),
            ("9", "PPPK", "IX"),
            ("17", "PPPK", "XVII"),
        ],
    )
    def test_valid(self, teks, status, hasil):
        assert rules.normalisasi_golongan(teks, status) == hasil

    @pytest.mark.parametrize(
        ("teks", "status"),
        [("IV/f", "PNS"), ("I/e", "PNS"), ("IX", "PNS"), ("III/a", "PPPK"), ("XVIII", "PPPK"),
         ("18", "PPPK"), ("", "PNS")],
    )  # fmt: skip
    def test_tidak_sah(self, teks, status):
        with pytest.raises(rules.AturanError):
            rules.normalisasi_golongan(teks, status)

    def test_pangkat(self):
        assert rules.pangkat("IV/e") == "Pembina Utama"
        assert rules.pangkat("III/a") == "Penata Muda"
        assert rules.pangkat("IX") == ""
