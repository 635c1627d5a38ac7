"""Demo data of the pelatihan app, called by `seed_demo` (idempotent: by kode/NIP).

Two programmes with competencies, a completed session with results (JP in the ledger, a
certificate, open reaction surveys) and an upcoming session open for registration, for the
demo accounts of API.md.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from inti import waktu
from jabatan.models import Kompetensi
from pegawai.models import Pegawai

from . import services
from .models import (
    CatatanJP,
    KompetensiPelatihan,
    Narasumber,
    Pelatihan,
    Penyelenggara,
    Peserta,
    Sertifikat,
    Sesi,
    StatusPeserta,
    StatusSesi,
)

NIP_DISKES = ["198001012005011001", "199002022015022001", "199103032016031002"]
NIP_DISDIK = ["197507072000031004", "198505052010011003"]


@transaction.atomic
def isi_demo() -> None:
    hari_ini = waktu.hari_ini()
    epi, _ = Pelatihan.objects.update_or_create(
        kode="DEMO-EPI",
        defaults={
            "nama": "Bimtek Surveilans Epidemiologi",
            "jenis": "BIMTEK",
            "jp": 24,
            "penyelenggara": Penyelenggara.BPSDM,
            "nama_penyelenggara": "BPSDM Provinsi Lampung",
            "bersertifikat": True,
            "masa_berlaku_bulan": 36,
        },
    )
    data, _ = Pelatihan.objects.update_or_create(
        kode="DEMO-DATA",
        defaults={
            "nama": "Pelatihan Analisis Data untuk Perencanaan",
            "jenis": "TEKNIS",
            "jp": 32,
            "penyelenggara": Penyelenggara.LAN,
        },
    )
    for pelatihan, kode, level in [(epi, "T-EPI", 3), (data, "T-DATA", 3), (data, "T-RENCANA", 2)]:
        kompetensi = Kompetensi.objects.filter(kode=kode).first()
        if kompetensi is not None:
            KompetensiPelatihan.objects.get_or_create(
                pelatihan=pelatihan, kompetensi=kompetensi, defaults={"level_target": level}
            )
    praktisi, _ = Narasumber.objects.get_or_create(
        nama="dr. Rina Kartika, M.Epid.",
        defaults={"jenis": "PRAKTISI", "instansi": "RSUD Dr. H. Abdul Moeloek"},
    )
    akademisi, _ = Narasumber.objects.get_or_create(
        nama="Dr. Ahmad Fauzi, M.Si.",
        defaults={"jenis": "AKADEMISI", "instansi": "Universitas Lampung"},
    )

    selesai = hari_ini - timedelta(days=3)
    lalu, baru = Sesi.objects.get_or_create(
        kode="DEMO-EPI-01",
        defaults={
            "pelatihan": epi,
            "tanggal_mulai": selesai - timedelta(days=2),
            "tanggal_selesai": selesai,
            "tempat": "BPSDM Provinsi Lampung, Bandar Lampung",
            "kuota": 30,
            "status": StatusSesi.PENDAFTARAN,
        },
    )
    lalu.narasumber.add(praktisi)
    akan, _ = Sesi.objects.get_or_create(
        kode="DEMO-DATA-01",
        defaults={
            "pelatihan": data,
            "tanggal_mulai": hari_ini + timedelta(days=21),
            "tanggal_selesai": hari_ini + timedelta(days=24),
            "tempat": "Daring (Zoom BPSDM)",
            "daring": True,
            "kuota": 25,
        },
    )
    akan.narasumber.add(akademisi)

    pegawai = {p.nip: p for p in Pegawai.objects.filter(nip__in=NIP_DISKES + NIP_DISDIK)}
    for nip in NIP_DISKES[1:] + NIP_DISDIK[1:]:
        if nip in pegawai:
            Peserta.objects.get_or_create(
                sesi=lalu, pegawai=pegawai[nip], defaults={"status": StatusPeserta.TERDAFTAR}
            )
    if baru:
        for p in Peserta.objects.filter(sesi=lalu):
            services.peserta_hasil_catat(peserta=p, hadir=True, hasil="LULUS",
                                         nilai_pre_test=60, nilai_post_test=85)  # fmt: skip
        lalu.status = StatusSesi.SELESAI
        services.sesi_simpan(sesi=lalu)
        for i, p in enumerate(Peserta.objects.filter(sesi=lalu).order_by("pegawai__nip"), 1):
            if not Sertifikat.objects.filter(peserta=p).exists():
                services.sertifikat_terbitkan(
                    peserta=p, nomor=f"DEMO-EPI-01/{i:03d}", tanggal_terbit=selesai
                )
        services.undangan_survei_buat(pada=selesai)
    if NIP_DISKES[2] in pegawai:
        services.jp_akui(
            pegawai=pegawai[NIP_DISKES[2]], tanggal=hari_ini - timedelta(days=10),
            jenis="COACHING", uraian="Coaching pengelolaan data oleh Kepala Bidang",
            sumber="pelatihan.demo", sumber_id="coaching-1", menit=180,
        )  # fmt: skip
    isi_jp_tahun(hari_ini)


# --- A training year: JP of every active employee, some under the target, some over ----------

SUMBER_DEMO = "pelatihan.demo"
# (jenis, uraian, JP): the activities an employee may have done this year.
KEGIATAN_JP = [
    ("E_LEARNING", "E-learning Literasi Digital ASN (ASN Unggul)", 6),
    ("SEMINAR", "Seminar Pelayanan Publik Provinsi Lampung", 4),
    ("BIMTEK", "Bimtek Penyusunan SKP dan Laporan Kinerja", 16),
    ("KOMUNITAS_BELAJAR", "Komunitas belajar bidang: berbagi praktik baik", 3),
    ("WORKSHOP", "Workshop Manajemen Risiko Pemerintah Daerah", 8),
    ("E_LEARNING", "E-learning Pengadaan Barang/Jasa Tingkat Dasar", 10),
    ("BIMBINGAN_DI_TEMPAT_KERJA", "Bimbingan di tempat kerja oleh pejabat fungsional", 5),
]


def _angka(*bagian: object) -> int:
    return int(hashlib.sha1(":".join(map(str, bagian)).encode()).hexdigest()[:8], 16)


def isi_jp_tahun(hari_ini: date | None = None) -> int:
    """Recognised JP of this year for every active employee (0 to 4 activities each, dated
    between 1 January and yesterday), written with their history in bulk. Idempotent per
    (source, source id); returns the number of ledger rows added."""
    hari_ini = hari_ini or waktu.hari_ini()
    awal = date(hari_ini.year, 1, 1)
    rentang = max(1, (hari_ini - awal).days)
    ada = set(
        CatatanJP.objects.filter(
            sumber=SUMBER_DEMO, sumber_id__endswith=f"-{hari_ini.year}"
        ).values_list("sumber_id", flat=True)
    )
    baru = []
    for p in Pegawai.objects.filter(aktif=True).only("pk", "nip"):
        banyak = _angka(p.nip, hari_ini.year) % 5  # 0–4 activities: some far below 20 JP
        for i in range(banyak):
            sumber_id = f"{p.nip}-{i}-{hari_ini.year}"
            if sumber_id in ada:
                continue
            jenis, uraian, jp = KEGIATAN_JP[_angka(p.nip, i) % len(KEGIATAN_JP)]
            baru.append(
                CatatanJP(
                    pegawai=p,
                    tanggal=awal + timedelta(days=_angka(p.nip, i, "t") % rentang),
                    jp=Decimal(jp),
                    jenis=jenis,
                    uraian=uraian,
                    sumber=SUMBER_DEMO,
                    sumber_id=sumber_id,
                )
            )
    for c in baru:
        c.full_clean(validate_unique=False, validate_constraints=False)
    bulk_create_with_history(baru, CatatanJP, batch_size=500)
    return len(baru)
