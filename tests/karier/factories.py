"""Factories and a small organisation for the karier tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from jabatan.models import AsesmenKompetensi, Kompetensi
from kinerja.models import Penilaian, Skp, StatusSkp
from kinerja.rules import MATRIKS_PREDIKAT, TAHUNAN
from pegawai.models import Pegawai, UnitKerja
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

# One pair of ratings that yields each predikat (DOMAIN.md §3).
RATING_UNTUK = {predikat: pasangan for pasangan, predikat in MATRIKS_PREDIKAT.items()}


def penilaian_tahunan(pegawai: Pegawai, tahun: int, predikat: str) -> Penilaian:
    """An annual appraisal written straight to the table (the kinerja rules are tested there)."""
    skp, _ = Skp.objects.get_or_create(
        pegawai=pegawai,
        tahun=tahun,
        defaults={
            "penilai": pegawai.atasan,
            "unit_kerja": pegawai.unit_kerja,
            "status": StatusSkp.DISETUJUI,
        },
    )
    hasil, perilaku = RATING_UNTUK[predikat]
    return Penilaian.objects.create(
        pegawai=pegawai,
        skp=skp,
        penilai=pegawai.atasan or pegawai,
        unit_kerja=pegawai.unit_kerja,
        periode=str(tahun),
        jenis_periode=TAHUNAN,
        tahun=tahun,
        tanggal_akhir=date(tahun, 12, 31),
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        predikat=predikat,
        umpan_balik="Penilaian tahunan.",
    )


_kompetensi = iter(range(1, 100_000))


def asesmen(pegawai: Pegawai, *levels: int, tanggal: date = date(2025, 6, 1)) -> None:
    """One assessment per level, each of its own competency."""
    for level in levels:
        n = next(_kompetensi)
        k, _ = Kompetensi.objects.get_or_create(
            kode=f"T-KAR-{n}", defaults={"nama": f"Kompetensi Karier {n}", "jenis": "TEKNIS"}
        )
        AsesmenKompetensi.objects.create(
            pegawai=pegawai, kompetensi=k, level=level, tanggal=tanggal, metode="UJI_KOMPETENSI"
        )


@dataclass
class Org:
    """Two agencies: Dinas Kesehatan (Budi supervises Siti and Andi; an operator) and Dinas
    Pendidikan (Hendra supervises Rizki)."""

    diskes: UnitKerja
    disdik: UnitKerja
    kabid: Pegawai
    siti: Pegawai
    andi: Pegawai
    kabid_disdik: Pegawai
    rizki: Pegawai
    hr: User
    operator_diskes: User


def buat_org() -> Org:
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan dan Kebudayaan")
    kabid = PegawaiFactory(nama="Budi Santoso", unit_kerja=diskes, golongan="IV/a")
    siti = PegawaiFactory(nama="Siti Rahmawati", unit_kerja=diskes, atasan=kabid)
    andi = PegawaiFactory(nama="Andi Pratama", unit_kerja=diskes, atasan=kabid)
    kabid_disdik = PegawaiFactory(nama="Hendra Gunawan", unit_kerja=disdik, golongan="IV/b")
    rizki = PegawaiFactory(nama="Rizki Firmansyah", unit_kerja=disdik, atasan=kabid_disdik)
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
