"""Factories and a small organisation for the kinerja tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from kinerja.models import (
    IndikatorKinerja,
    LaporanHarian,
    PerjanjianKinerja,
    Rhk,
    Skp,
    StatusLaporan,
    StatusSkp,
)
from kinerja.rules import menit_antara
from pegawai.models import Pegawai, UnitKerja
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator


class PerjanjianKinerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerjanjianKinerja

    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    tahun = factory.LazyFunction(lambda: timezone.localdate().year)
    sasaran = factory.Sequence(lambda n: f"Sasaran strategis {n}")
    indikator = "Persentase capaian"
    target = "90%"


def skp_disetujui(
    pegawai: Pegawai,
    *,
    tahun: int | None = None,
    rhk_atasan: Rhk | None = None,
    uraian: str = "Terlaksananya pelayanan",
) -> Skp:
    """An approved SKP with one main RHK (cascading from `rhk_atasan`, else from the unit's
    perjanjian kinerja) and one quantity indicator."""
    tahun = tahun or timezone.localdate().year
    skp = Skp.objects.create(
        pegawai=pegawai,
        tahun=tahun,
        penilai=pegawai.atasan,
        unit_kerja=pegawai.unit_kerja,
        status=StatusSkp.DISETUJUI,
        disetujui_pada=timezone.now(),
    )
    tambah_rhk(skp, uraian=uraian, rhk_atasan=rhk_atasan)
    return skp


def tambah_rhk(skp: Skp, *, uraian: str, rhk_atasan: Rhk | None = None) -> Rhk:
    pk = None
    if rhk_atasan is None:
        pk = PerjanjianKinerjaFactory(unit_kerja=skp.unit_kerja, tahun=skp.tahun)
    rhk = Rhk.objects.create(skp=skp, uraian=uraian, rhk_atasan=rhk_atasan, perjanjian_kinerja=pk)
    IndikatorKinerja.objects.create(
        rhk=rhk, aspek="KUANTITAS", uraian=f"Jumlah {uraian.lower()}", target=100, satuan="dokumen"
    )
    return rhk


def lapor(
    pegawai: Pegawai,
    rhk: Rhk,
    tanggal: date,
    mulai: str = "08:00",
    selesai: str = "09:00",
    *,
    status: str = StatusLaporan.DIAJUKAN,
    kuantitas: int | Decimal = 1,
    satuan: str = "dokumen",
    indikator: IndikatorKinerja | None | str = "cocok",
) -> LaporanHarian:
    """A report written straight to the table (bypassing the filing rules) for setups; by
    default it counts toward the RHK's indicator whose satuan matches (as the migration maps
    existing reports); `indikator=None` leaves it "tanpa indikator"."""
    jm, js = time.fromisoformat(mulai), time.fromisoformat(selesai)
    if indikator == "cocok":
        indikator = IndikatorKinerja.objects.filter(rhk=rhk, satuan=satuan).first()
    return LaporanHarian.objects.create(
        pegawai=pegawai,
        rhk=rhk,
        indikator=indikator,
        tanggal=tanggal,
        uraian="Kegiatan",
        kuantitas=kuantitas,
        satuan=satuan,
        jam_mulai=jm,
        jam_selesai=js,
        menit=menit_antara(jm, js),
        status=status,
    )


@dataclass
class Org:
    diskes: UnitKerja
    disdik: UnitKerja
    kabid: Pegawai  # diskes, supervisor of staf1 and staf2
    staf1: Pegawai
    staf2: Pegawai
    kabid2: Pegawai  # disdik, supervisor of guru
    guru: Pegawai
    admin: User
    op_diskes: User
    op_disdik: User
    rhk_kabid: Rhk
    rhk1: Rhk
    rhk2: Rhk
    rhk_guru: Rhk


def buat_org() -> Org:
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    kabid = PegawaiFactory(unit_kerja=diskes, nama="Budi Santoso")
    staf1 = PegawaiFactory(unit_kerja=diskes, atasan=kabid, nama="Siti Rahmawati")
    staf2 = PegawaiFactory(unit_kerja=diskes, atasan=kabid, nama="Andi Pratama")
    kabid2 = PegawaiFactory(unit_kerja=disdik, nama="Hendra Gunawan")
    guru = PegawaiFactory(unit_kerja=disdik, atasan=kabid2, nama="Rizki Firmansyah")
    rhk_kabid = skp_disetujui(kabid, uraian="Menurunnya angka penyakit menular").rhk.get()
    rhk2_atas = skp_disetujui(kabid2, uraian="Lestarinya cagar budaya").rhk.get()
    return Org(
        diskes=diskes,
        disdik=disdik,
        kabid=kabid,
        staf1=staf1,
        staf2=staf2,
        kabid2=kabid2,
        guru=guru,
        admin=admin_bkd(),
        op_diskes=operator(diskes),
        op_disdik=operator(disdik),
        rhk_kabid=rhk_kabid,
        rhk1=skp_disetujui(staf1, rhk_atasan=rhk_kabid, uraian="Laporan surveilans").rhk.get(),
        rhk2=skp_disetujui(staf2, rhk_atasan=rhk_kabid, uraian="Data kasus").rhk.get(),
        rhk_guru=skp_disetujui(guru, rhk_atasan=rhk2_atas, uraian="Inventaris cagar").rhk.get(),
    )
