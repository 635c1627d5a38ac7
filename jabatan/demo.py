"""Demo positions for `seed_demo`: the starter catalogue, a few formasi in the sample units,
assessments and placements of the demo accounts (API.md). Idempotent; call it after the
sample employees and the demo accounts exist."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction

from pegawai.models import Pegawai, UnitKerja

from .models import (
    AsesmenKompetensi,
    Jabatan,
    JenisPenempatan,
    Kompetensi,
    MetodeAsesmen,
    Penempatan,
)
from .services import PenempatanMasukan, formasi_atur, katalog_isi, penempatan_buat

# (unit kode, jabatan kode, kebutuhan)
FORMASI_DEMO = [
    ("DISKES", "JPT-KADIS-KES", 1),
    ("DISKES-P2P", "ADM-KABID-P2P", 1),
    ("DISKES-P2P", "JF-EPID-AP", 3),
    ("DISKES-P2P", "JF-EPID-AM", 2),
    ("DISKES-P2P", "PL-DATAKES", 2),
    ("DISKES-YANKES", "ADM-KABID-YANKES", 1),
    ("DISKES-YANKES", "JF-ADMKES-AP", 3),
    ("DISKES-YANKES", "JF-DOKTER-AM", 4),
    ("DISDIKBUD", "ADM-KABID-BUD", 1),
    ("DISDIKBUD", "JF-PAMONG-AM", 2),
    ("DISDIKBUD-SMA", "JF-GURU-AM", 6),
    ("DISDIKBUD-SMA", "JF-GURU-AP", 6),
]

# The demo accounts: NIP → (unit kode, jabatan kode); atasan stays as seed_demo set it.
PENEMPATAN_DEMO = {
    "198001012005011001": ("DISKES-P2P", "ADM-KABID-P2P"),
    "199002022015022001": ("DISKES-P2P", "JF-EPID-AP"),
    "199103032016031002": ("DISKES-P2P", "PL-DATAKES"),
    "197507072000031004": ("DISDIKBUD", "ADM-KABID-BUD"),
    "198505052010011003": ("DISDIKBUD", "JF-PAMONG-AM"),
}
TMT_DEMO = date(2024, 1, 2)


def _angka(*bagian: object) -> int:
    return int(hashlib.sha1(":".join(map(str, bagian)).encode()).hexdigest()[:8], 16)


@transaction.atomic
def isi_demo() -> dict[str, int]:
    katalog_isi()
    units = {u.kode: u for u in UnitKerja.objects.all()}
    jabatan = {j.kode: j for j in Jabatan.objects.all()}
    formasi = 0
    for kode_unit, kode_jabatan, kebutuhan in FORMASI_DEMO:
        if kode_unit in units:
            formasi_atur(
                unit_kerja=units[kode_unit], jabatan=jabatan[kode_jabatan], kebutuhan=kebutuhan
            )
            formasi += 1

    ditempatkan = 0
    for nip, (kode_unit, kode_jabatan) in PENEMPATAN_DEMO.items():
        pegawai = Pegawai.objects.filter(nip=nip).first()
        if pegawai is None or kode_unit not in units:
            continue
        aktif = Penempatan.objects.filter(pegawai=pegawai, aktif=True).first()
        if aktif and aktif.jabatan.kode == kode_jabatan and aktif.unit_kerja.kode == kode_unit:
            continue
        if Penempatan.objects.filter(pegawai=pegawai, tmt__gte=TMT_DEMO).exists():
            continue
        penempatan_buat(
            masukan=PenempatanMasukan(
                pegawai=pegawai,
                jabatan=jabatan[kode_jabatan],
                unit_kerja=units[kode_unit],
                jenis=JenisPenempatan.PENGANGKATAN,
                nomor_sk=f"800/{nip[-3:]}/SK/BKD/2024",
                tanggal_sk=date(2023, 12, 20),
                tmt=TMT_DEMO,
                atasan=pegawai.atasan,
                alasan="Data demo",
            ),
            oleh=None,
        )
        ditempatkan += 1

    # Assessments for the employees of the demo units, deterministic from the NIP.
    kompetensi = list(Kompetensi.objects.all())
    pegawai = Pegawai.objects.filter(
        unit_kerja__kode__in=[
            "DISKES",
            "DISKES-P2P",
            "DISKES-YANKES",
            "DISKES-SEKRE",
            "DISDIKBUD",
            "DISDIKBUD-SMA",
        ]
    ).exclude(asesmen__isnull=False)
    baru = []
    for p in pegawai.only("pk", "nip", "unit_kerja_id"):
        for k in kompetensi:
            if k.jenis == "TEKNIS" and _angka(p.nip, k.kode, "ada") % 3:
                continue  # each employee is assessed on about a third of the teknis ones
            baru.append(
                AsesmenKompetensi(
                    pegawai=p,
                    kompetensi=k,
                    level=1 + _angka(p.nip, k.kode) % 4,
                    tanggal=date(2025, 1 + _angka(p.nip) % 12, 10),
                    metode=MetodeAsesmen.ASSESSMENT_CENTER
                    if k.jenis != "TEKNIS"
                    else MetodeAsesmen.UJI_KOMPETENSI,
                    asesor="UPT Penilaian Kompetensi BKD",
                )
            )
    AsesmenKompetensi.objects.bulk_create(baru, batch_size=1000)
    return {"formasi": formasi, "penempatan": ditempatkan, "asesmen": len(baru)}
