"""Demo data of the pelatihan app, called by `seed_demo` (idempotent: by kode/NIP).

Two programmes with competencies, a completed session with results (JP in the ledger, a
certificate, open reaction surveys) and an upcoming session open for registration, for the
demo accounts of API.md.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from inti import waktu
from jabatan.models import Kompetensi
from pegawai.models import Pegawai

from . import services
from .models import (
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
