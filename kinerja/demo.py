"""Demo data for e-kinerja (API.md "Demo data"): call `isi_demo()` from seed_demo after the
demo pegawai exist. Idempotent: every row is looked up by its natural key first."""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja

from . import rules, services
from .models import (
    IndikatorKinerja,
    LaporanHarian,
    PerjanjianKinerja,
    Rhk,
    Skp,
    StatusLaporan,
    StatusSkp,
)

# NIP of the supervisor -> (their RHK, the unit's sasaran), then their staff -> staff RHK.
DEMO = {
    "198001012005011001": (
        "Menurunnya angka kesakitan penyakit menular di Provinsi Lampung",
        "Meningkatnya derajat kesehatan masyarakat",
        {
            "199002022015022001": "Tersedianya laporan surveilans epidemiologi mingguan",
            "199103032016031002": "Tersedianya data kasus penyakit menular yang mutakhir",
        },
    ),
    "197507072000031004": (
        "Meningkatnya pelestarian cagar budaya daerah",
        "Meningkatnya kualitas pendidikan dan kebudayaan",
        {"198505052010011003": "Terinventarisasinya objek pemajuan kebudayaan"},
    ),
}

KEGIATAN = [
    ("Mengolah data mingguan dan menyusun laporan", time(8, 0), time(10, 0)),
    ("Rapat koordinasi tim", time(10, 30), time(11, 30)),
    ("Verifikasi data lapangan", time(13, 0), time(15, 0)),
]


def _opd(unit: UnitKerja) -> UnitKerja:
    kode = unit.path.strip("/").split("/")[0]
    return UnitKerja.objects.get(kode=kode)


def _skp(pegawai: Pegawai, tahun: int) -> Skp:
    skp, _ = Skp.objects.get_or_create(
        pegawai=pegawai,
        tahun=tahun,
        defaults={
            "penilai": services.atasan_penilai(pegawai),
            "unit_kerja": pegawai.unit_kerja,
            "status": StatusSkp.DISETUJUI,
            "disetujui_pada": timezone.now(),
        },
    )
    return skp


def _rhk(skp: Skp, uraian: str, **induk) -> Rhk:
    rhk = Rhk.objects.filter(skp=skp, uraian=uraian).first()
    if rhk is None:
        rhk = Rhk(skp=skp, uraian=uraian, jenis="UTAMA", urutan=1, **induk)
        rhk.full_clean()
        rhk.save()
    IndikatorKinerja.objects.get_or_create(
        rhk=rhk,
        aspek="KUANTITAS",
        defaults={
            "uraian": f"Jumlah keluaran: {uraian.lower()}",
            "target": 12,
            "satuan": "laporan",
        },
    )
    services.ekspektasi_simpan(skp=skp, ekspektasi={})
    return rhk


@transaction.atomic
def isi_demo() -> int:
    """Approved SKP for this year for each demo account, cascading, plus daily reports of
    the last working days. Returns the number of SKP touched."""
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    pegawai = {p.nip: p for p in Pegawai.objects.select_related("unit_kerja", "atasan")}
    jumlah = 0
    for nip_atasan, (uraian_atasan, sasaran, staf) in DEMO.items():
        atasan = pegawai.get(nip_atasan)
        if atasan is None:
            continue
        pk, _ = PerjanjianKinerja.objects.get_or_create(
            unit_kerja=_opd(atasan.unit_kerja),
            tahun=tahun,
            sasaran=sasaran,
            defaults={"indikator": "Indeks capaian sasaran", "target": "100%"},
        )
        rhk_atasan = _rhk(_skp(atasan, tahun), uraian_atasan, perjanjian_kinerja=pk)
        jumlah += 1
        for nip, uraian in staf.items():
            p = pegawai.get(nip)
            if p is None:
                continue
            rhk = _rhk(_skp(p, tahun), uraian, rhk_atasan=rhk_atasan)
            jumlah += 1
            _laporan(p, rhk, hari_ini)
    return jumlah


def _laporan(pegawai: Pegawai, rhk: Rhk, hari_ini) -> None:
    # The last three calendar days before today (inside the default filing window);
    # the oldest one is already approved by the supervisor.
    for mundur in (3, 2, 1):
        tanggal = hari_ini - timedelta(days=mundur)
        if tanggal.year != rhk.skp.tahun:
            continue
        for uraian, mulai, selesai in KEGIATAN[:2]:
            LaporanHarian.objects.get_or_create(
                pegawai=pegawai,
                tanggal=tanggal,
                jam_mulai=mulai,
                defaults={
                    "rhk": rhk,
                    "uraian": uraian,
                    "kuantitas": 1,
                    "satuan": "laporan",
                    "jam_selesai": selesai,
                    "menit": rules.menit_antara(mulai, selesai),
                    "status": StatusLaporan.DISETUJUI if mundur == 3 else StatusLaporan.DIAJUKAN,
                    "diputuskan_oleh": pegawai.atasan if mundur == 3 else None,
                    "diputuskan_pada": timezone.now() if mundur == 3 else None,
                },
            )
