from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from pegawai.models import Pegawai, UnitKerja
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator


@dataclass
class Org:
    """Two agencies: Dinas Kesehatan (a supervisor with two staff, an operator) and Dinas
    Pendidikan (a supervisor with one staff)."""

    diskes: UnitKerja
    disdik: UnitKerja
    kabid: Pegawai
    siti: Pegawai
    andi: Pegawai
    kabid_disdik: Pegawai
    rizki: Pegawai
    hr: User
    operator_diskes: User


@pytest.fixture
def org(db) -> Org:
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan dan Kebudayaan")
    kabid = PegawaiFactory(nama="Budi Santoso", unit_kerja=diskes, email="budi@example.go.id")
    siti = PegawaiFactory(
        nama="Siti Rahmawati", unit_kerja=diskes, atasan=kabid, email="siti@example.go.id"
    )
    andi = PegawaiFactory(
        nama="Andi Pratama", unit_kerja=diskes, atasan=kabid, email="andi@example.go.id"
    )
    kabid_disdik = PegawaiFactory(nama="Hendra Gunawan", unit_kerja=disdik)
    rizki = PegawaiFactory(
        nama="Rizki Firmansyah", unit_kerja=disdik, atasan=kabid_disdik, email="rizki@example.go.id"
    )
    return Org(
        diskes=diskes,
        disdik=disdik,
        kabid=kabid,
        siti=siti,
        andi=andi,
        kabid_disdik=kabid_disdik,
        rizki=rizki,
        hr=admin_bkd(),
        operator_diskes=operator(diskes),
    )
