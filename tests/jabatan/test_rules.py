"""jabatan's pure rules (DOMAIN.md §2): education, unit kind, golongan, formasi, TMT, SK date,
promotion and the matching score. Plain functions, so plain tables; each boundary is tested
on the bound and on either side of it."""

from __future__ import annotations

from datetime import date

import pytest

from jabatan import rules
from jabatan.rules import Bagian, Standar

# --- Education -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minimal", "jenjang", "memenuhi"),
    [
        ("S1", "D3", False),  # one under
        ("S1", "S1", True),  # on the bound
        ("S1", "S2", True),  # one over
        ("S1", "D4", True),  # D4 stands level with S1
        ("D4", "S1", True),
        ("S1", "", False),  # not recorded
        ("", "", True),  # no requirement
    ],
)
def test_jenjang_pendidikan(minimal, jenjang, memenuhi):
    assert rules.jenjang_memenuhi(minimal, jenjang) is memenuhi


@pytest.mark.parametrize(
    ("diterima", "jurusan", "cocok"),
    [
        ([], "Apa saja", True),
        (["Kesehatan Masyarakat"], "kesehatan  masyarakat", True),  # case and spaces
        (["Kesehatan"], "Kesehatan Masyarakat", True),  # accepted field within the employee's
        (["Kesehatan Masyarakat"], "Kesehatan", True),  # and the other way round
        (["Akuntansi"], "Kesehatan Masyarakat", False),
        (["Akuntansi"], "", False),
    ],
)
def test_jurusan_cocok(diterima, jurusan, cocok):
    assert rules.jurusan_cocok(diterima, jurusan) is cocok


def test_pisah_jurusan_per_baris_titik_koma_atau_koma():
    assert rules.pisah_jurusan("Akuntansi; Manajemen\nEkonomi, ") == [
        "Akuntansi",
        "Manajemen",
        "Ekonomi",
    ]


def test_cek_pendidikan_memberi_peringatan_dengan_nilai_keduanya():
    assert rules.cek_pendidikan(minimal="S1", diterima=["Akuntansi"], jenjang="D3",
                                jurusan="Kesehatan") == [  # fmt: skip
        "Pendidikan D3 di bawah syarat minimal S1.",
        "Jurusan Kesehatan tidak termasuk jurusan yang diterima (Akuntansi).",
    ]
    assert rules.cek_pendidikan(minimal="S1", diterima=[], jenjang="S1", jurusan="") == []


# --- Unit kind -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "jenis"),
    [
        ("Dinas Kesehatan", "DINAS"),
        ("Badan Kepegawaian Daerah", "BADAN"),
        ("Rumah Sakit Umum Daerah Abdul Moeloek", "RSUD"),
        ("RSUD Bandar Negara Husada", "RSUD"),
        ("Kantor Penghubung", ""),
    ],
)
def test_jenis_unit_dari_kata_pertama(nama, jenis):
    assert rules.jenis_unit(nama) == jenis


def test_cek_jenis_unit():
    assert rules.cek_jenis_unit("", "Kantor Penghubung") is None
    assert rules.cek_jenis_unit("DINAS", "Dinas Kesehatan") is None
    assert rules.cek_jenis_unit("DINAS", "Badan Pendapatan Daerah") == (
        "Jabatan ini untuk unit berjenis Dinas, sedangkan Badan Pendapatan Daerah berjenis Badan."
    )


# --- Golongan, formasi, dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("minimal", "golongan", "memenuhi"),
    [
        ("III/a", "II/d", False),  # one under
        ("III/a", "III/a", True),  # on the bound
        ("III/a", "III/b", True),  # one over
        ("IX", "VIII", False),  # PPPK
        ("IX", "IX", True),
        ("III/a", "", False),  # unknown
        ("", "", True),  # no requirement
    ],
)
def test_golongan_minimal(minimal, golongan, memenuhi):
    assert rules.golongan_memenuhi(minimal, golongan) is memenuhi


def test_cek_golongan_menyebut_kedua_nilai():
    assert rules.cek_golongan(minimal="III/a", golongan="II/d", nama_jabatan="Analis") == (
        "Golongan II/d di bawah syarat minimal III/a untuk jabatan Analis."
    )
    assert rules.cek_golongan(minimal="III/a", golongan="III/a", nama_jabatan="Analis") is None


@pytest.mark.parametrize(
    ("kebutuhan", "terisi", "alasan", "lolos"),
    [
        (3, 1, "", True),  # one under the bound after placing
        (3, 2, "", True),  # exactly full after placing
        (3, 3, "", False),  # one over
        (3, 3, "Perintah gubernur", True),  # a written reason lets HR go over
        (None, 0, "", False),  # no formasi at all
        (None, 0, "Unit baru", True),
        (3, 3, "   ", False),  # blank is not a reason
    ],
)
def test_cek_formasi(kebutuhan, terisi, alasan, lolos):
    pesan = rules.cek_formasi(kebutuhan=kebutuhan, terisi=terisi, alasan=alasan,
                              nama_jabatan="Analis", nama_unit="Dinas Kesehatan")  # fmt: skip
    assert (pesan is None) is lolos


def test_formasi_penuh_menyebut_kebutuhan_dan_terisi():
    assert rules.cek_formasi(kebutuhan=2, terisi=2, alasan="", nama_jabatan="Analis",
                             nama_unit="Dinas Kesehatan") == (  # fmt: skip
        "Formasi Analis di Dinas Kesehatan sudah penuh (kebutuhan 2, terisi 2). Isi alasan "
        "bila penempatan tetap dilakukan."
    )


@pytest.mark.parametrize(
    ("tmt", "lolos"),
    [
        (date(2019, 12, 31), False),  # the day before service starts
        (date(2020, 1, 1), True),  # the first day of service
        (date(2024, 3, 1), False),  # the latest placement's own TMT
        (date(2024, 3, 2), True),  # the day after it
    ],
)
def test_cek_tmt(tmt, lolos):
    kwargs = {"mulai_dinas": date(2020, 1, 1), "jabatan_terakhir": "Analis"}
    if tmt.year == 2024:
        kwargs["tmt_terakhir"] = date(2024, 3, 1)
    else:
        kwargs["tmt_terakhir"] = None
    assert (rules.cek_tmt(tmt=tmt, **kwargs) is None) is lolos


def test_cek_tmt_pesan_menyebut_kedua_tanggal():
    assert rules.cek_tmt(tmt=date(2024, 3, 1), mulai_dinas=None, tmt_terakhir=date(2024, 3, 1),
                         jabatan_terakhir="Analis") == (  # fmt: skip
        "TMT 01-03-2024 harus sesudah TMT penempatan terakhir (Analis, TMT 01-03-2024)."
    )


@pytest.mark.parametrize(
    ("tanggal_sk", "lolos"),
    [(date(2026, 3, 9), True), (date(2026, 3, 10), True), (date(2026, 3, 11), False),
     (None, True)],
)  # fmt: skip
def test_tanggal_sk_tidak_di_masa_depan(tanggal_sk, lolos):
    hasil = rules.cek_tanggal_sk(tanggal_sk=tanggal_sk, hari_ini=date(2026, 3, 10))
    assert (hasil is None) is lolos


@pytest.mark.parametrize(
    ("kelas_baru", "kelas_lama", "lolos"),
    [(8, 7, True), (7, 7, False), (6, 7, False), (7, None, True)],
)
def test_promosi_ke_kelas_lebih_tinggi(kelas_baru, kelas_lama, lolos):
    hasil = rules.cek_promosi(kelas_baru=kelas_baru, kelas_lama=kelas_lama, jabatan_lama="Analis")
    assert (hasil is None) is lolos


# --- Matching score --------------------------------------------------------------------------


def test_nilai_kompetensi_dibatasi_satu_dan_belum_diases_nol():
    standar = [Standar(1, "Integritas", 3), Standar(2, "Kerja sama", 3)]
    assert rules.nilai_kompetensi(standar, {1: 3, 2: 3}) == 1.0
    assert rules.nilai_kompetensi(standar, {1: 5, 2: 3}) == 1.0  # above the standard: capped
    assert rules.nilai_kompetensi(standar, {1: 2}) == pytest.approx((2 / 3 + 0) / 2)
    assert rules.nilai_kompetensi([], {1: 3}) is None


def test_gabung_nilai_bagian_tanpa_data_tidak_dihitung():
    bobot = {"kompetensi": 45, "pendidikan": 25, "kinerja": 10}
    # kinerja has no data (None): the other two are scaled to 100.
    assert rules.gabung_nilai([("kompetensi", 1.0), ("pendidikan", 0.0), ("kinerja", None)],
                              bobot) == round(100 * 45 / 70)  # fmt: skip
    assert rules.gabung_nilai([("kinerja", None)], bobot) == 0


def test_gabung_skor_memberi_bobot_pada_setiap_bagian():
    skor = rules.gabung_skor(
        [Bagian("kompetensi", "Kompetensi", 0.5, "setengah"),
         Bagian("golongan", "Golongan", 1.0, "memenuhi")],
        {"kompetensi": 45, "golongan": 10},
    )  # fmt: skip
    assert [b.bobot for b in skor.bagian] == [45, 10]
    assert skor.skor == round(100 * (0.5 * 45 + 1.0 * 10) / 55)
