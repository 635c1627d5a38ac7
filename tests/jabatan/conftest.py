from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User

from jabatan.models import Jabatan, JenisPenempatan, Penempatan
from jabatan.services import PenempatanMasukan, penempatan_buat
from pegawai.models import Pegawai, UnitKerja
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

from .factories import FormasiFactory, JabatanFactory


@dataclass
class Kantor:
    diskes: UnitKerja
    p2p: UnitKerja  # sub-unit of diskes
    disdik: UnitKerja
    kadis: Jabatan  # JPT Pratama, kelas 14
    kabid: Jabatan  # Administrator, kelas 12, golongan minimal III/d
    epid: Jabatan  # Fungsional, kelas 8: S1 Kesehatan Masyarakat/Epidemiologi, III/a
    guru: Jabatan  # Fungsional, kelas 8
    kepala_dinas: Pegawai  # holds kadis in diskes
    kepala_bidang: Pegawai  # holds kabid in p2p
    siti: Pegawai  # III/b, S1 Kesehatan Masyarakat, holds guru in disdik
    andi: Pegawai  # II/c, D3 Akuntansi, no placement yet, in p2p
    admin: User
    op_diskes: User
    op_disdik: User


def tempatkan(pegawai, jabatan, unit, *, oleh=None, **ubah) -> Penempatan:
    data = {
        "jenis": JenisPenempatan.MUTASI,
        "nomor_sk": "821/001/BKD/2024",
        "tanggal_sk": date(2024, 2, 20),
        "tmt": date(2024, 3, 1),
        "alasan": "",
    }
    data.update(ubah)
    masukan = PenempatanMasukan(pegawai=pegawai, jabatan=jabatan, unit_kerja=unit, **data)
    return penempatan_buat(masukan=masukan, oleh=oleh)


@pytest.fixture
def kantor(db) -> Kantor:
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    p2p = UnitKerjaFactory(kode="DISKES-P2P", nama="Bidang P2P", parent=diskes)
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    kadis = JabatanFactory(
        kode="KADIS",
        nama="Kepala Dinas Kesehatan",
        jenis="JPT_PRATAMA",
        rumpun="",
        jenjang="",
        kelas_jabatan=14,
        golongan_minimal="IV/b",
    )
    kabid = JabatanFactory(
        kode="KABID",
        nama="Kepala Bidang P2P",
        jenis="ADMINISTRATOR",
        rumpun="",
        jenjang="",
        kelas_jabatan=12,
        golongan_minimal="III/d",
    )
    epid = JabatanFactory(
        kode="EPID",
        nama="Epidemiolog Kesehatan Ahli Pertama",
        pendidikan_minimal="S1",
        jurusan="Kesehatan Masyarakat; Epidemiologi",
        golongan_minimal="III/a",
    )
    guru = JabatanFactory(kode="GURU", nama="Guru Ahli Pertama")
    FormasiFactory(unit_kerja=diskes, jabatan=kadis, kebutuhan=1)
    FormasiFactory(unit_kerja=p2p, jabatan=kabid, kebutuhan=1)
    FormasiFactory(unit_kerja=p2p, jabatan=epid, kebutuhan=2)
    FormasiFactory(unit_kerja=disdik, jabatan=guru, kebutuhan=1)

    def pegawai(nama, unit, lahir, **kw):
        return PegawaiFactory(nama=nama, unit_kerja=unit, tanggal_lahir=lahir, **kw)

    kepala_dinas = pegawai("Kepala Dinas", diskes, date(1970, 5, 5), golongan="IV/c")
    kepala_bidang = pegawai("Kepala Bidang", p2p, date(1975, 6, 6), golongan="IV/a")
    siti = pegawai(
        "Siti Rahmawati",
        disdik,
        date(1990, 2, 2),
        golongan="III/b",
        pendidikan_jenjang="S1",
        pendidikan_jurusan="Kesehatan Masyarakat",
    )
    andi = pegawai(
        "Andi Pratama",
        p2p,
        date(1991, 3, 3),
        golongan="II/c",
        pendidikan_jenjang="D3",
        pendidikan_jurusan="Akuntansi",
    )
    awal = {
        "jenis": JenisPenempatan.PENGANGKATAN,
        "tmt": date(2020, 1, 2),
        "tanggal_sk": date(2019, 12, 20),
    }
    tempatkan(kepala_dinas, kadis, diskes, **awal)
    tempatkan(kepala_bidang, kabid, p2p, **awal)
    tempatkan(siti, guru, disdik, **awal)
    for p in (kepala_dinas, kepala_bidang, siti, andi):
        p.refresh_from_db()
    return Kantor(
        diskes,
        p2p,
        disdik,
        kadis,
        kabid,
        epid,
        guru,
        kepala_dinas,
        kepala_bidang,
        siti,
        andi,
        admin_bkd(),
        operator(diskes),
        operator(disdik),
    )
