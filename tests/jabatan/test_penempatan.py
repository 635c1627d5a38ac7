"""Placement rules with their messages, the employee kept in sync, and formasi counts after
placements and transfers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jabatan.models import Formasi, JenisPenempatan, Penempatan
from jabatan.selectors import laporan_formasi
from tests.factories import PegawaiFactory

from .conftest import tempatkan
from .factories import FormasiFactory, JabatanFactory


def pesan(exc: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return exc.value.message_dict


def hitungan(unit, jabatan) -> tuple[int, int]:
    f = Formasi.objects.with_hitungan().get(unit_kerja=unit, jabatan=jabatan)
    return f.terisi, f.kekurangan


# --- What a placement does ------------------------------------------------------------------


def test_mutasi_menutup_penempatan_lama_dan_memperbarui_pegawai(kantor):
    k = kantor
    baru = tempatkan(k.siti, k.epid, k.p2p, oleh=k.admin, nomor_sk="821/77/BKD/2024")

    lama = Penempatan.objects.get(pegawai=k.siti, jabatan=k.guru)
    assert (lama.aktif, lama.tmt_selesai) == (False, date(2024, 3, 1))
    assert Penempatan.objects.get(pegawai=k.siti, aktif=True) == baru
    k.siti.refresh_from_db()
    assert k.siti.unit_kerja == k.p2p
    assert k.siti.nama_jabatan == "Epidemiolog Kesehatan Ahli Pertama"
    assert k.siti.jenis_jabatan == "Fungsional"
    # No atasan given: the holder of the structural position of the unit.
    assert k.siti.atasan == k.kepala_bidang
    assert baru.atasan == k.kepala_bidang
    assert baru.dibuat_oleh == k.admin
    assert baru.peringatan == []
    terakhir = k.siti.history.first()
    assert terakhir.history_change_reason == "Penempatan (Mutasi) SK 821/77/BKD/2024"


def test_kepala_unit_atasannya_kepala_unit_induk(kantor):
    k = kantor
    k.kepala_bidang.refresh_from_db()
    assert k.kepala_bidang.atasan == k.kepala_dinas


def test_atasan_yang_diberikan_hr_dipakai(kantor):
    k = kantor
    tempatkan(k.siti, k.epid, k.p2p, atasan=k.kepala_dinas)
    k.siti.refresh_from_db()
    assert k.siti.atasan == k.kepala_dinas


def test_hanya_satu_penempatan_aktif_dijaga_database(kantor):
    k = kantor
    with pytest.raises(IntegrityError), transaction.atomic():
        Penempatan.objects.create(
            pegawai=k.siti,
            jabatan=k.epid,
            unit_kerja=k.p2p,
            jenis=JenisPenempatan.MUTASI,
            aktif=True,
        )


# --- Every rule and its message -------------------------------------------------------------


def test_formasi_penuh_tanpa_alasan_ditolak_dengan_alasan_diterima(kantor):
    k = kantor
    lain = [
        PegawaiFactory(unit_kerja=k.p2p, golongan="III/a", tanggal_lahir=date(1988, 1, i))
        for i in (1, 2)
    ]
    for p in lain:
        tempatkan(p, k.epid, k.p2p)
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.p2p)
    assert pesan(exc) == {
        "alasan": [
            "Formasi Epidemiolog Kesehatan Ahli Pertama di Bidang P2P sudah penuh (kebutuhan 2, "
            "terisi 2). Isi alasan bila penempatan tetap dilakukan."
        ]
    }
    assert Penempatan.objects.get(pegawai=k.siti, aktif=True).jabatan == k.guru  # unchanged

    p = tempatkan(k.siti, k.epid, k.p2p, alasan="Wabah DBD: tambahan tenaga sementara.")
    assert p.alasan == "Wabah DBD: tambahan tenaga sementara."
    assert hitungan(k.p2p, k.epid) == (3, -1)


def test_tanpa_formasi_ditolak_tanpa_alasan(kantor):
    k = kantor
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.disdik)
    assert pesan(exc) == {
        "alasan": [
            "Belum ada formasi Epidemiolog Kesehatan Ahli Pertama di Dinas Pendidikan. Isi alasan "
            "bila penempatan tetap dilakukan."
        ]
    }


def test_golongan_di_bawah_minimal_ditolak_walau_ada_alasan(kantor):
    k = kantor
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.andi, k.epid, k.p2p, alasan="apa pun")
    assert pesan(exc) == {
        "jabatan": [
            "Golongan II/c di bawah syarat minimal III/a untuk jabatan Epidemiolog Kesehatan "
            "Ahli Pertama."
        ]
    }


def test_pppk_dibandingkan_pada_tangga_golongan_yang_sama(kantor):
    k = kantor
    pppk = PegawaiFactory(
        pppk=True, golongan="IX", unit_kerja=k.p2p, tanggal_lahir=date(1990, 1, 1)
    )
    assert tempatkan(pppk, k.epid, k.p2p, tmt=date(2024, 3, 1)).aktif  # IX ≈ III/a
    pppk_rendah = PegawaiFactory(
        pppk=True, golongan="VII", unit_kerja=k.p2p, tanggal_lahir=date(1990, 1, 2)
    )
    with pytest.raises(ValidationError) as exc:
        tempatkan(pppk_rendah, k.epid, k.p2p)
    assert "Golongan VII di bawah syarat minimal III/a" in pesan(exc)["jabatan"][0]


def test_tmt_tidak_boleh_sebelum_penempatan_terakhir(kantor):
    k = kantor
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.p2p, tmt=date(2020, 1, 2))
    assert pesan(exc) == {
        "tmt": [
            "TMT 02-01-2020 harus sesudah TMT penempatan terakhir (Guru Ahli Pertama, "
            "TMT 02-01-2020)."
        ]
    }


def test_tmt_tidak_boleh_sebelum_mulai_bertugas(kantor):
    k = kantor  # Andi's NIP says TMT CPNS March 2015
    assert k.andi.nip[8:14] == "201503"
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.andi, k.guru, k.disdik, tmt=date(2014, 12, 1), alasan="x")
    assert pesan(exc) == {
        "tmt": ["TMT 01-12-2014 sebelum pegawai mulai bertugas (01-03-2015, menurut NIP)."]
    }


def test_tanggal_sk_tidak_boleh_di_masa_depan(kantor):
    k = kantor
    besok = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.p2p, tanggal_sk=besok)
    assert pesan(exc) == {"tanggal_sk": [f"Tanggal SK {besok:%d-%m-%Y} tidak boleh di masa depan."]}


def test_promosi_harus_ke_kelas_lebih_tinggi(kantor):
    k = kantor
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.p2p, jenis=JenisPenempatan.PROMOSI)
    assert pesan(exc) == {
        "jenis": [
            "Promosi harus ke kelas jabatan lebih tinggi: kelas 8 tidak lebih tinggi dari kelas 8 "
            "(Guru Ahli Pertama)."
        ]
    }


def test_jabatan_yang_sedang_diduduki_ditolak(kantor):
    k = kantor
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.guru, k.disdik, alasan="x")
    assert pesan(exc) == {
        "jabatan": ["Pegawai sudah menduduki jabatan Guru Ahli Pertama di Dinas Pendidikan."]
    }


def test_pegawai_nonaktif_nomor_sk_kosong_dan_jenis_impor_ditolak_bersama(kantor):
    k = kantor
    k.siti.aktif = False
    k.siti.save()
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.p2p, nomor_sk=" ", jenis=JenisPenempatan.IMPOR)
    assert pesan(exc) == {
        "pegawai": [f"Pegawai {k.siti.nip} tidak aktif dan tidak dapat ditempatkan."],
        "jenis": ["Jenis penempatan harus pengangkatan, mutasi, rotasi atau promosi."],
        "nomor_sk": ["Nomor SK wajib diisi."],
    }


def test_operator_hanya_menempatkan_di_unitnya(kantor):
    k = kantor
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.p2p, oleh=k.op_diskes)  # Siti is in disdik
    assert pesan(exc) == {"pegawai": [f"Pegawai {k.siti.nip} di luar kewenangan Anda."]}
    with pytest.raises(ValidationError) as exc:
        tempatkan(k.siti, k.epid, k.p2p, oleh=k.op_disdik, alasan="x")  # p2p is not theirs
    assert pesan(exc) == {"unit_kerja": ["Unit kerja Bidang P2P di luar kewenangan Anda."]}
    lain = PegawaiFactory(unit_kerja=k.p2p, golongan="III/a", tanggal_lahir=date(1988, 1, 1))
    assert tempatkan(lain, k.epid, k.p2p, oleh=k.op_diskes).aktif  # within their unit


def test_pendidikan_tidak_sesuai_hanya_peringatan_dan_dicatat(kantor):
    k = kantor
    pegawai = PegawaiFactory(
        unit_kerja=k.p2p,
        golongan="III/c",
        pendidikan_jenjang="D3",
        pendidikan_jurusan="Akuntansi",
        tanggal_lahir=date(1985, 1, 1),
    )
    p = tempatkan(pegawai, k.epid, k.p2p)
    assert p.aktif
    assert p.peringatan == [
        "Pendidikan D3 di bawah syarat minimal S1.",
        "Jurusan Akuntansi tidak termasuk jurusan yang diterima (Kesehatan Masyarakat, "
        "Epidemiologi).",
    ]


# --- Formasi counts -------------------------------------------------------------------------


def test_hitungan_formasi_setelah_penempatan_dan_perpindahan(kantor):
    k = kantor
    assert hitungan(k.p2p, k.epid) == (0, 2)
    assert hitungan(k.disdik, k.guru) == (1, 0)

    tempatkan(k.siti, k.epid, k.p2p)  # Siti leaves disdik for p2p
    assert hitungan(k.p2p, k.epid) == (1, 1)
    assert hitungan(k.disdik, k.guru) == (0, 1)

    lain = PegawaiFactory(unit_kerja=k.p2p, golongan="III/a", tanggal_lahir=date(1988, 1, 1))
    tempatkan(lain, k.epid, k.p2p)
    assert hitungan(k.p2p, k.epid) == (2, 0)

    tempatkan(lain, k.guru, k.disdik, tmt=date(2024, 6, 1))  # transfer back out
    assert hitungan(k.p2p, k.epid) == (1, 1)
    assert hitungan(k.disdik, k.guru) == (1, 0)


def test_laporan_lowongan_dan_kelebihan(kantor):
    k = kantor
    JabatanFactory(
        kode="PL",
        nama="Pengadministrasi Perkantoran",
        jenis="PELAKSANA",
        rumpun="",
        jenjang="",
        kelompok_pelaksana="KLEREK",
        kelas_jabatan=5,
    )
    tempatkan(k.andi, k.guru, k.disdik, alasan="Guru tambahan", tmt=date(2024, 3, 1))
    baris = {
        (b.unit_kode, b.jabatan_nama): (b.kebutuhan, b.terisi, b.kekurangan, b.status)
        for b in laporan_formasi(k.admin)
    }
    assert baris == {
        ("DISKES-P2P", "Epidemiolog Kesehatan Ahli Pertama"): (2, 0, 2, "Lowong"),
        ("DISDIK", "Guru Ahli Pertama"): (1, 2, -1, "Kelebihan"),
    }
    # The operator of diskes sees their units only.
    assert {b.unit_kode for b in laporan_formasi(k.op_diskes)} == {"DISKES-P2P"}


def test_penempatan_tanpa_formasi_muncul_sebagai_kelebihan(kantor):
    k = kantor
    tempatkan(k.siti, k.epid, k.disdik, alasan="Tugas khusus")
    baris = [b for b in laporan_formasi(k.admin) if b.unit_kode == "DISDIK"]
    assert [(b.jabatan_nama, b.kebutuhan, b.terisi, b.status) for b in baris] == [
        ("Guru Ahli Pertama", 1, 0, "Lowong"),  # vacancies come first
        ("Epidemiolog Kesehatan Ahli Pertama", 0, 1, "Kelebihan"),
    ]


def test_formasi_unik_per_unit_dan_jabatan(kantor):
    with pytest.raises(ValidationError):
        FormasiFactory.build(unit_kerja=kantor.p2p, jabatan=kantor.epid).full_clean()
