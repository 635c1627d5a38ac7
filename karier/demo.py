"""Demo data of the karier app, called by `seed_demo` after jabatan, kinerja and pelatihan
(idempotent: every row is looked up by its natural key first).

For the demo accounts of API.md: a development plan for this year, a coaching session by
their supervisor (its JP land in the pelatihan ledger), an annual appraisal and a potensi
score so the staff appear on this year's talent map, and the demo Kepala Bidang positions as
key positions for succession.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from inti import waktu
from jabatan.models import Jabatan
from kinerja import demo as kinerja_demo
from kinerja import services as kinerja_services
from kinerja.models import Penilaian
from pegawai.models import Pegawai

from . import services
from .models import (
    JabatanKunci,
    JenisKegiatan,
    KegiatanPengembangan,
    PenilaianPotensi,
    RencanaPengembangan,
    SesiPembinaan,
)

# Staff NIP -> (ratings of the annual appraisal, HR's potensi score, plan goal, coaching topic)
DEMO = {
    "199002022015022001": (
        ("DI_ATAS", "DI_ATAS"), Decimal("86"),
        "Siap menjadi Epidemiolog Kesehatan Ahli Muda: memimpin analisis KLB.",
        "Memimpin investigasi kejadian luar biasa",
    ),
    "199103032016031002": (
        ("SESUAI", "SESUAI"), Decimal("64"),
        "Menguasai analisis data kesehatan untuk perencanaan program.",
        "Ketepatan waktu laporan data kasus",
    ),
    "198505052010011003": (
        ("DI_ATAS", "SESUAI"), Decimal("82"),
        "Menyusun kajian pelestarian cagar budaya secara mandiri.",
        "Penyusunan kajian objek pemajuan kebudayaan",
    ),
}  # fmt: skip
KEGIATAN = [
    (JenisKegiatan.COACHING, "Coaching bulanan dengan atasan langsung"),
    (JenisKegiatan.PELATIHAN, "Mengikuti pelatihan teknis sesuai kesenjangan kompetensi"),
    (JenisKegiatan.PENUGASAN, "Penugasan sebagai anggota tim lintas bidang"),
]
JABATAN_KUNCI = ["ADM-KABID-P2P", "ADM-KABID-BUD", "JPT-KADIS-KES"]


@transaction.atomic
def isi_demo() -> int:
    """Returns the number of employees on this year's talent map after the run."""
    hari_ini = waktu.hari_ini()
    tahun = hari_ini.year
    pegawai = {
        p.nip: p for p in Pegawai.objects.filter(nip__in=DEMO).select_related("atasan__user")
    }
    for nip, ((hasil, perilaku), potensi, tujuan, topik) in DEMO.items():
        p = pegawai.get(nip)
        if p is None or p.atasan is None or p.atasan.user is None:
            continue
        atasan = p.atasan
        rencana = RencanaPengembangan.objects.filter(pegawai=p, tahun=tahun).first()
        if rencana is None:
            rencana = services.rencana_simpan(pegawai=p, tahun=tahun, tujuan=tujuan, oleh=p.user)
        for jenis, uraian in KEGIATAN:
            if not KegiatanPengembangan.objects.filter(rencana=rencana, uraian=uraian).exists():
                services.kegiatan_tambah(rencana=rencana, jenis=jenis, uraian=uraian, oleh=p.user)
        if rencana.status != "DISETUJUI":
            services.rencana_setujui(rencana=rencana, oleh=atasan.user)
        if not SesiPembinaan.objects.filter(pegawai=p, pembina=atasan, topik=topik).exists():
            coaching = KegiatanPengembangan.objects.filter(
                rencana=rencana, jenis=JenisKegiatan.COACHING
            ).first()
            services.sesi_pembinaan_catat(
                pembina=atasan,
                pegawai=p,
                oleh=atasan.user,
                data={
                    "jenis": "COACHING",
                    "tanggal": hari_ini,
                    "durasi_menit": 90,
                    "topik": topik,
                    "catatan": "Membahas capaian triwulan dan hambatan di lapangan.",
                    "kesepakatan": "Menyusun rencana aksi dua minggu dan melapor kemajuannya.",
                    "kegiatan": coaching,
                },
            )
        if not Penilaian.objects.filter(pegawai=p, periode=str(tahun)).exists():
            try:
                kinerja_services.penilaian_buat(
                    penilai=atasan,
                    pegawai=p,
                    periode=str(tahun),
                    rating_hasil_kerja=hasil,
                    rating_perilaku=perilaku,
                    umpan_balik="Penilaian tahunan (data demo).",
                )
            except ValidationError:
                pass  # no approved SKP this year: this one stays off the talent map
        _potensi(p, tahun, potensi)
    for kode in JABATAN_KUNCI:
        jabatan = Jabatan.objects.filter(kode=kode).first()
        if jabatan is not None:
            JabatanKunci.objects.get_or_create(jabatan=jabatan)
    for t in kinerja_demo.tahun_penilaian(hari_ini):
        isi_talenta_tahun(t)
    return services.talenta_petakan(tahun=tahun, pegawai_ids=[p.pk for p in pegawai.values()])


def _potensi(pegawai: Pegawai, tahun: int, nilai: Decimal) -> None:
    # Written directly: `services.potensi_catat` checks an HR user, and the demo has none here.
    PenilaianPotensi.objects.update_or_create(
        pegawai=pegawai, tahun=tahun, defaults={"nilai": nilai, "metode": "Uji potensi (demo)"}
    )


def isi_talenta_tahun(tahun: int) -> int:
    """A year's appraisal cycle on the talent map: HR's potensi score for everyone with an
    annual appraisal that year (added once, in bulk with its history), then the mapping
    service. Returns the number of employees placed."""
    dinilai = set(
        Penilaian.objects.filter(jenis_periode="TAHUNAN", tahun=tahun).values_list(
            "pegawai_id", flat=True
        )
    )
    ada = set(PenilaianPotensi.objects.filter(tahun=tahun).values_list("pegawai_id", flat=True))
    baru = []
    for p in Pegawai.objects.filter(pk__in=dinilai - ada).only("pk", "nip"):
        h = int(hashlib.sha1(f"{p.nip}:{tahun}:potensi".encode()).hexdigest()[:8], 16)
        baru.append(
            PenilaianPotensi(
                pegawai=p,
                tahun=tahun,
                nilai=Decimal(45 + h % 50),  # 45–94: low, middle and high potensi
                metode="Uji potensi BKD (data demo)",
            )
        )
    for b in baru:
        b.full_clean(validate_unique=False, validate_constraints=False)
    bulk_create_with_history(baru, PenilaianPotensi, batch_size=500)
    return services.talenta_petakan(tahun=tahun)
