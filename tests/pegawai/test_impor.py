"""Importing pegawai from the SIMPEG-style sheet: clean files, every kind of bad row,
atomicity, re-import, scope, and a flat query count."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext
from tablib import Dataset

from pegawai.impor import KOLOM, baca_baris, pegawai_import
from pegawai.models import Pegawai, RiwayatPangkat, RiwayatPendidikan, UnitKerja
from pegawai.resources import PegawaiResource
from pegawai.services import DATA_DIR
from tests.factories import operator

DATA = DATA_DIR
pytestmark = pytest.mark.usefixtures("unit_lampung")


def sample_rows() -> list[dict]:
    with (DATA / "pegawai_contoh.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def kepala(**ubah) -> dict:
    row = {
        "NIP": "198001012005011001", "NIK": "1871010101800001", "Nama": "Budi Santoso",
        "Gelar Depan": "", "Gelar Belakang": "S.K.M.", "Tempat Lahir": "Metro",
        "Tanggal Lahir": "01-01-1980", "Jenis Kelamin": "L", "Agama": "Islam",
        "Status Kepegawaian": "PNS", "Golongan": "IV/a", "TMT Golongan": "01-04-2020",
        "Pendidikan Terakhir": "S2", "Jurusan": "Kesehatan Masyarakat",
        "Kode Unit Kerja": "DISKES-P2P", "Jabatan": "Kepala Bidang",
        "Jenis Jabatan": "Administrator",
        "NIP Atasan": "", "Email": "budi@lampungprov.go.id", "No HP": "081234567890",
    }  # fmt: skip
    row.update(ubah)
    return row


def staf(**ubah) -> dict:
    row = kepala(
        **{
            "NIP": "199002022015022001",
            "NIK": "1871014202900002",
            "Nama": "Siti Rahma",
            "Tanggal Lahir": "02-02-1990",
            "Jenis Kelamin": "P",
            "Golongan": "III/b",
            "NIP Atasan": "198001012005011001",
            "Jabatan": "Epidemiolog",
        }  # fmt: skip
    )
    row.update(ubah)
    return row


def kembar() -> dict:
    """Someone born the same day as `kepala`, typed with kepala's NIK."""
    return kepala(NIP="198001012006011002", Nama="Budi Kembar")


def impor(rows, **kwargs):
    return pegawai_import(rows, oleh=kwargs.pop("oleh", None), **kwargs)


def pesan(hasil) -> list[str]:
    return [str(k) for k in hasil.kesalahan]


class TestBerkasBersih:
    def test_contoh_xlsx_mengimpor_semua_beserta_unit_atasan_dan_akun(self, django_user_model):
        resource = PegawaiResource()
        dataset = Dataset().load((DATA / "pegawai_contoh.xlsx").read_bytes(), format="xlsx")
        result = resource.import_data(dataset)
        assert not result.has_validation_errors() and not result.has_errors()
        assert result.totals["new"] == 228
        assert Pegawai.objects.count() == 228
        kepala_setda = Pegawai.objects.get(nip="198807172010092001")
        assert kepala_setda.unit_kerja.kode == "SETDA"
        assert kepala_setda.atasan is None
        assert kepala_setda.gelar_belakang == "S.Tr."
        assert kepala_setda.nama_lengkap == "Desi Anggraini, S.Tr."
        staf_setda = Pegawai.objects.get(nip="197012201992051001")
        assert staf_setda.atasan == kepala_setda
        assert staf_setda.tanggal_lahir == date(1970, 12, 20)
        # One login account per employee, username = NIP, no usable password until reset.
        assert django_user_model.objects.filter(pegawai__isnull=False).count() == 228
        assert not staf_setda.user.has_usable_password()
        assert staf_setda.user.username == staf_setda.nip
        # Rank and education history, and the audit trail.
        assert RiwayatPangkat.objects.filter(pegawai=staf_setda, golongan="IV/e").exists()
        assert RiwayatPendidikan.objects.filter(pegawai=staf_setda, jenjang="S3").exists()
        assert staf_setda.history.filter(history_type="+").count() == 1

    def test_impor_ulang_memperbarui_dan_tidak_pernah_menggandakan(self):
        rows = sample_rows()
        assert len(impor(rows).dibuat) == 228
        kedua = impor(rows)
        assert (len(kedua.dibuat), len(kedua.diubah), len(kedua.tidak_berubah)) == (0, 0, 228)
        assert Pegawai.objects.count() == 228
        assert User.objects.count() == 228
        p = Pegawai.objects.get(nip=rows[0]["NIP"])
        assert p.history.count() == 1  # an unchanged row leaves no audit noise

        rows[0]["No HP"] = "081100000000"
        ketiga = impor(rows)
        assert ketiga.diubah == [rows[0]["NIP"]]
        p.refresh_from_db()
        assert p.no_hp == "081100000000"
        assert p.history.first().history_type == "~"
        assert Pegawai.objects.count() == 228

    def test_atasan_ditemukan_dalam_urutan_baris_apa_pun(self):
        hasil = impor([staf(), kepala()])
        assert hasil.berhasil, pesan(hasil)
        assert Pegawai.objects.get(nip=staf()["NIP"]).atasan.nip == kepala()["NIP"]

    def test_atasan_sudah_ada_di_basis_data(self):
        impor([kepala()])
        hasil = impor([staf()])
        assert hasil.berhasil
        assert Pegawai.objects.get(nip=staf()["NIP"]).atasan.nip == kepala()["NIP"]

    def test_nilai_berantakan_tetapi_jelas_dinormalkan(self):
        hasil = impor(
            [
                kepala(**{"NIP": "19800101 200501 1 001", "Nama": "  Budi   Santoso ",
                          "Tanggal Lahir": "29221", "TMT Golongan": "2020-04-01",
                          "Golongan": "iv / A", "Jenis Kelamin": "laki-laki",
                          "Pendidikan Terakhir": "s-2", "No HP": "81234567890",
                          "Kode Unit Kerja": "diskes-p2p", "Email": "Budi@LampungProv.go.id"}),
                staf(**{"Tanggal Lahir": "02/02/1990", "NIP Atasan": "19800101 200501 1 001",
                        "Agama": "islam"}),
            ]
        )  # fmt: skip
        assert hasil.berhasil, pesan(hasil)
        p = Pegawai.objects.get(nip="198001012005011001")
        assert p.nama == "Budi Santoso"
        assert p.tanggal_lahir == date(1980, 1, 1)  # Excel serial 29221
        assert p.tmt_golongan == date(2020, 4, 1)
        assert (p.golongan, p.jenis_kelamin, p.pendidikan_jenjang) == ("IV/a", "L", "S2")
        assert p.no_hp == "081234567890"
        assert p.email == "budi@lampungprov.go.id"
        assert Pegawai.objects.get(nip=staf()["NIP"]).atasan == p

    def test_pppk(self):
        hasil = impor([kepala(**{"NIP": "198001012021211001", "Status Kepegawaian": "PPPK",
                                 "Golongan": "9"})])  # fmt: skip
        assert hasil.berhasil, pesan(hasil)
        assert Pegawai.objects.get().golongan == "IX"

    def test_baris_kembar_persis_dilewati(self):
        hasil = impor([kepala(), kepala()])
        assert hasil.berhasil
        assert hasil.baris_dilewati == [3]
        assert Pegawai.objects.count() == 1


class TestBarisSalah:
    @pytest.mark.parametrize(
        ("ubah", "kolom", "isi"),
        [
            ({"NIP": "1980010120050110"}, "NIP", "18 digit"),
            ({"NIP": "198001012005131001"}, "NIP", "bulan TMT"),
            ({"Tanggal Lahir": "02-01-1980"}, "NIP", "tanggal lahir 01-01-1980"),
            ({"Jenis Kelamin": "P", "NIK": "1871014101800001"}, "NIP", "jenis kelamin laki-laki"),
            ({"Status Kepegawaian": "PPPK", "Golongan": "IX"}, "NIP", "berformat PNS"),
            ({"NIK": "1871010201800001"}, "NIK", "tanggal lahir 02-01-80"),
            ({"NIK": "18710101018000"}, "NIK", "16 digit"),
            ({"Tanggal Lahir": "31-02-1980"}, "Tanggal Lahir", "bukan tanggal"),
            ({"Tanggal Lahir": ""}, "Tanggal Lahir", "wajib"),
            ({"Golongan": "IX"}, "Golongan", "I/a–IV/e"),
            ({"Status Kepegawaian": "Honorer"}, "Status Kepegawaian", "tidak dikenal"),
            ({"Kode Unit Kerja": "DINAS-GAIB"}, "Kode Unit Kerja", "tidak dikenal"),
            ({"NIP Atasan": "197001012000011009"}, "NIP Atasan", "tidak ditemukan"),
            ({"NIP Atasan": "198001012005011001"}, "NIP Atasan", "atasannya sendiri"),
            ({"Email": "budi@"}, "Email", "bukan alamat email"),
            ({"Jenis Kelamin": "X"}, "Jenis Kelamin", "L atau P"),
            ({"Nama": "  "}, "Nama", "wajib"),
            ({"Pendidikan Terakhir": "S4"}, "Pendidikan Terakhir", "tidak dikenal"),
            ({"No HP": "12ab"}, "No HP", "nomor HP"),
        ],
    )
    def test_setiap_jenis_menyebut_baris_kolom_dan_alasan(self, ubah, kolom, isi):
        hasil = impor([staf(), kepala(**ubah)])
        assert not hasil.berhasil
        salah = [k for k in hasil.kesalahan if k.baris == 3]
        assert any(k.kolom == kolom and isi in k.pesan for k in salah), pesan(hasil)
        assert Pegawai.objects.count() == 0

    def test_nip_desimal_dari_excel_ditolak_dengan_jelas(self):
        hasil = impor([kepala(NIP=1.98001012005011e17)])
        assert "format kolom sebagai Teks" in pesan(hasil)[0]

    def test_nip_sama_dengan_data_berbeda(self):
        hasil = impor([kepala(), kepala(Nama="Budi Lain")])
        assert pesan(hasil) == [
            "Baris 3, kolom NIP: NIP 198001012005011001 sudah ada di baris 2 dengan data berbeda."
        ]

    def test_nik_dua_kali_dalam_berkas(self):
        hasil = impor([kepala(), kembar()])
        assert "NIK sama dengan baris 2" in pesan(hasil)[0]

    def test_nik_milik_pegawai_lain_di_basis_data(self):
        impor([kepala()])
        hasil = impor([kembar()])
        assert "NIK sudah dipakai pegawai lain (NIP 198001012005011001)" in pesan(hasil)[0]

    def test_atasan_berputar(self):
        hasil = impor([kepala(**{"NIP Atasan": staf()["NIP"]}), staf()])
        assert any("lingkaran" in p for p in pesan(hasil))

    def test_kolom_wajib_hilang_menolak_berkas(self):
        rows, salah = baca_baris(["NIP", "Nama"], [("198001012005011001", "Budi")])
        hasil = impor(rows, kesalahan_awal=salah)
        assert pesan(hasil)[0].startswith("Baris 1: Kolom wajib tidak ada: Tanggal Lahir")

    def test_tidak_ada_yang_ditulis_bila_satu_baris_salah(self):
        rows = sample_rows()[:20]
        rows[10]["Kode Unit Kerja"] = "XYZ"
        hasil = impor(rows)
        assert [str(k) for k in hasil.kesalahan] == [
            "Baris 12, kolom Kode Unit Kerja: Kode unit kerja 'XYZ' tidak dikenal."
        ]
        assert Pegawai.objects.count() == 0
        assert User.objects.count() == 0

    def test_lewati_baris_salah_bila_dipilih(self):
        rows = [kepala(), staf(), staf(**{"NIP": "199103032016031002", "NIK": "",
                                          "Tanggal Lahir": "03-03-1991", "Jenis Kelamin": "L",
                                          "Kode Unit Kerja": "XYZ"})]  # fmt: skip
        hasil = impor(rows, lewati_baris_salah=True)
        assert hasil.baris_dilewati == [4]
        assert sorted(hasil.dibuat) == ["198001012005011001", "199002022015022001"]
        assert Pegawai.objects.count() == 2

    def test_bawahan_atasan_yang_dilewati_ikut_dilewati(self):
        rows = [kepala(**{"Kode Unit Kerja": "XYZ"}), staf()]
        hasil = impor(rows, lewati_baris_salah=True)
        assert hasil.baris_dilewati == [2, 3]
        assert "Atasan 198001012005011001 (baris 2) tidak valid" in pesan(hasil)[1]
        assert Pegawai.objects.count() == 0


class TestAntarBaris:
    """The rules between rows, now worked out in SQL over a staging table: the same outcome
    and messages as the rule read row by row in file order."""

    def test_nip_baris_yang_ditolak_karena_nik_masih_boleh_dipakai_baris_berikutnya(self):
        # Row 3 repeats row 2's NIK: refused, so its NIP is not taken; row 4 has that NIP with
        # its own NIK and is the one imported; row 5 is row 3 again: its NIP is row 4's now.
        ketiga = kembar()
        keempat = {**kembar(), "NIK": "1871010101800002"}
        hasil = impor([kepala(), ketiga, keempat, kembar()], lewati_baris_salah=True)
        assert pesan(hasil) == [
            "Baris 3, kolom NIK: NIK sama dengan baris 2 (NIP berbeda).",
            "Baris 5, kolom NIP: NIP 198001012006011002 sudah ada di baris 4 dengan data berbeda.",
        ]
        assert sorted(hasil.dibuat) == ["198001012005011001", "198001012006011002"]
        assert Pegawai.objects.get(nip=ketiga["NIP"]).nik == "1871010101800002"

    def test_salinan_persis_baris_yang_ditolak_tidak_dilewati_diam_diam(self):
        hasil = impor([kepala(), kembar(), kembar()])
        assert pesan(hasil) == [
            "Baris 3, kolom NIK: NIK sama dengan baris 2 (NIP berbeda).",
            "Baris 4, kolom NIK: NIK sama dengan baris 2 (NIP berbeda).",
        ]
        assert hasil.baris_dilewati == []

    def test_atasan_yang_ditolak_membawa_seluruh_rantai_bawahannya(self):
        cucu = staf(**{"NIP": "199103032016031002", "NIK": "", "Tanggal Lahir": "03-03-1991",
                       "Jenis Kelamin": "L", "NIP Atasan": staf()["NIP"]})  # fmt: skip
        hasil = impor([cucu, staf(), kepala(**{"Kode Unit Kerja": "XYZ"})],
                      lewati_baris_salah=True)  # fmt: skip
        assert pesan(hasil) == [
            "Baris 2, kolom NIP Atasan: Atasan 199002022015022001 (baris 3) tidak valid.",
            "Baris 3, kolom NIP Atasan: Atasan 198001012005011001 (baris 4) tidak valid.",
            "Baris 4, kolom Kode Unit Kerja: Kode unit kerja 'XYZ' tidak dikenal.",
        ]
        assert hasil.baris_dilewati == [2, 3, 4]
        assert not Pegawai.objects.exists()

    def test_lingkaran_atasan_dan_bawahan_yang_bergantung_padanya_ditolak(self):
        impor([kepala(NIP="197001012000011001", NIK="", **{"Tanggal Lahir": "01-01-1970",
                                                        "Email": "lama@lampungprov.go.id"})])
        cucu = staf(**{"NIP": "199103032016031002", "NIK": "", "Tanggal Lahir": "03-03-1991",
                       "Jenis Kelamin": "L", "NIP Atasan": staf()["NIP"]})  # fmt: skip
        # Row 5's atasan is in the database: its chain ends, it is imported.
        lain = staf(**{"NIP": "199204042017041001", "NIK": "", "Tanggal Lahir": "04-04-1992",
                       "Jenis Kelamin": "L", "NIP Atasan": "197001012000011001"})  # fmt: skip
        hasil = impor([kepala(**{"NIP Atasan": staf()["NIP"]}), staf(), cucu, lain],
                      lewati_baris_salah=True)  # fmt: skip
        assert pesan(hasil) == [
            f"Baris {b}, kolom NIP Atasan: Rantai atasan membentuk lingkaran." for b in (2, 3, 4)
        ]
        assert hasil.dibuat == [lain["NIP"]]
        assert Pegawai.objects.get(nip=lain["NIP"]).atasan.nip == "197001012000011001"

    def test_tanpa_rincian_hanya_jumlah(self):
        rows = sample_rows()[:30]
        hasil = impor(rows, rinci=False)
        assert (hasil.dibuat, hasil.status_baris, hasil.jumlah_dibuat) == ([], {}, 30)
        assert hasil.ringkasan() == (
            "30 pegawai ditambahkan, 0 diperbarui, 0 tidak berubah, 30 akun login dibuat."
        )
        rows[0]["No HP"] = "081100000000"
        kedua = impor(rows, rinci=False)
        assert (kedua.jumlah_dibuat, kedua.jumlah_diubah, kedua.jumlah_tidak_berubah) == (0, 1, 29)

    def test_pegawai_lama_tanpa_akun_ditautkan_ke_akun_bernama_nip(self):
        impor([kepala()])
        p = Pegawai.objects.get()
        akun = p.user
        Pegawai.objects.filter(pk=p.pk).update(user=None)
        hasil = impor([kepala()])
        p.refresh_from_db()
        assert (hasil.akun_dibuat, p.user) == (0, akun)
        assert User.objects.count() == 1
        assert p.history.first().history_type == "~"

    def test_uji_coba_menghitung_tanpa_menulis(self):
        impor([kepala()])
        hasil = impor([kepala(**{"No HP": "081100000000"}), staf()], dry_run=True)
        assert hasil.ringkasan() == (
            "1 pegawai akan ditambahkan, 1 akan diperbarui, 0 tidak berubah, "
            "1 akun login akan dibuat."
        )
        assert Pegawai.objects.count() == 1
        assert Pegawai.objects.get().no_hp == "081234567890"

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="panjang kolom PostgreSQL")
    def test_galat_basis_data_saat_menulis_tidak_tertutup_pembersihan(self):
        with pytest.raises(DataError), transaction.atomic():
            impor([kepala(Nama="x" * 151)])
        assert not Pegawai.objects.exists()
        assert impor([kepala()]).berhasil  # the staging table was dropped


class TestLingkup:
    def test_operator_hanya_mengimpor_ke_unitnya(self):
        op = operator(UnitKerja.objects.get(kode="DISKES"))
        hasil = impor([kepala(), staf(**{"Kode Unit Kerja": "DISDIKBUD"})], oleh=op)
        assert pesan(hasil) == [
            "Baris 3, kolom Kode Unit Kerja: Unit kerja DISDIKBUD di luar wewenang Anda."
        ]
        assert impor([kepala(), staf()], oleh=op).berhasil  # DISKES-P2P is a sub-unit

    def test_operator_tidak_dapat_mengambil_alih_pegawai_unit_lain(self):
        impor([kepala(**{"Kode Unit Kerja": "DISDIKBUD"})])
        op = operator(UnitKerja.objects.get(kode="DISKES"))
        hasil = impor([kepala()], oleh=op)
        # Nothing says that the NIP exists, nor where.
        assert pesan(hasil) == [
            "Baris 2, kolom NIP: Baris dengan NIP 198001012005011001 tidak dapat diimpor ke unit "
            "kerja Anda. Bila pegawai ini pindah ke unit Anda, ajukan mutasinya melalui BKD."
        ]
        assert "DISDIKBUD" not in pesan(hasil)[0] and "terdaftar" not in pesan(hasil)[0]
        assert Pegawai.objects.get().unit_kerja.kode == "DISDIKBUD"

    def test_pemilik_nik_di_luar_cakupan_tidak_disebut(self):
        impor([kepala(**{"Kode Unit Kerja": "DISDIKBUD"})])
        op = operator(UnitKerja.objects.get(kode="DISKES"))
        hasil = impor([kembar()], oleh=op)
        assert "NIK sudah dipakai pegawai lain." in pesan(hasil)[0]
        assert "198001012005011001" not in " ".join(pesan(hasil))

    def test_riwayat_mencatat_pengguna_pengimpor(self):
        op = operator(UnitKerja.objects.get(kode="DISKES"))
        impor([kepala()], oleh=op)
        assert Pegawai.objects.get().history.get().history_user == op


class TestPerintah:
    def test_uji_coba_tidak_menulis_apa_pun(self, capsys):
        call_command("import_pegawai", str(DATA / "pegawai_contoh.csv"), "--dry-run")
        assert "[uji coba] 228 pegawai akan ditambahkan" in capsys.readouterr().out
        assert Pegawai.objects.count() == 0

    def test_berkas_salah_mendaftar_galat_dan_gagal(self, tmp_path, capsys):
        path = tmp_path / "salah.csv"
        with path.open("w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(KOLOM))
            w.writeheader()
            w.writerow(kepala(NIP="123"))
        with pytest.raises(CommandError, match="tidak ada yang diimpor"):
            call_command("import_pegawai", str(path))
        assert "Baris 2, kolom NIP: NIP harus 18 digit" in capsys.readouterr().err

    def test_mengimpor_csv(self, capsys):
        call_command("import_pegawai", str(DATA / "pegawai_contoh.csv"))
        assert Pegawai.objects.count() == 228


def test_jumlah_query_tidak_bertambah_dengan_baris():
    rows = sample_rows()
    with CaptureQueriesContext(connection) as sedikit:
        impor(rows[:5])
    Pegawai.objects.all().delete()
    User.objects.all().delete()
    with CaptureQueriesContext(connection) as banyak:
        impor(rows[:200])
    # Bulk writes: PostgreSQL sends one INSERT per 1,000 rows; SQLite splits INSERTs at its
    # 999-parameter limit (about 40 rows of ~20 columns). Either way, far from one per row.
    tambahan = len(banyak) - len(sedikit)
    assert tambahan <= (200 - 5) / 10, [q["sql"][:60] for q in banyak.captured_queries]
