"""Demo data for `seed_demo`: complaints in different states and survey answers for Dinas
Kesehatan. Idempotent: fixed tracking codes, and the survey answers are added once."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from pegawai.models import Pegawai, UnitKerja

from .models import Jenis, Pengaduan, Status, SurveiKepuasan
from .services import pengaduan_ajukan, pengaduan_nilai, pengaduan_tanggapi, survei_isi

LAYANAN_DEMO = "Layanan rujukan dan perizinan kesehatan (demo)"
# (respondents, answers u1..u9) — gives an IKM around 80 (mutu B).
SURVEI_DEMO = [
    (4, [4, 3, 3, 4, 3, 3, 4, 3, 3]),
    (3, [3, 3, 2, 4, 3, 4, 4, 3, 2]),
    (3, [3, 2, 3, 4, 3, 3, 4, 2, 3]),
    (2, [4, 4, 4, 4, 4, 4, 4, 4, 4]),
]


def _petugas() -> User | None:
    return (
        User.objects.filter(username="operator.diskes").first()
        or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )


@transaction.atomic
def isi_demo() -> None:
    diskes = UnitKerja.objects.filter(kode="DISKES").first()
    if diskes is None:
        return
    yankes = UnitKerja.objects.filter(kode="DISKES-YANKES").first() or diskes
    petugas = _petugas()
    staf = Pegawai.objects.filter(nip="199103032016031002").first()

    def buat(kode: str, **kwargs) -> Pengaduan | None:
        if Pengaduan.objects.filter(kode=kode).exists():
            return None
        return pengaduan_ajukan(kode=kode, **kwargs)

    buat(
        "DKS2A7QH4M",
        jenis=Jenis.PENGADUAN,
        judul="Antrean rujukan di loket sangat lama",
        isi="Saya menunggu lebih dari tiga jam untuk surat rujukan tanpa kejelasan.",
        unit_kerja=diskes,
        nama="Rina Marlina",
        email="rina@example.com",
    )
    buat(
        "DKSP6WN3TB",
        jenis=Jenis.PERMINTAAN_INFORMASI,
        judul="Jadwal vaksinasi HPV di puskesmas",
        isi="Kapan jadwal vaksinasi HPV untuk siswi SD di Bandar Lampung?",
        anonim=True,
    )
    p = buat(
        "DKSK8RJ5VC",
        jenis=Jenis.PENGADUAN,
        judul="Petugas tidak ramah saat melayani pengurusan data",
        isi="Petugas di bagian data bersikap kasar ketika saya menanyakan berkas.",
        unit_kerja=diskes,
        rahasia=True,
        nama="Dedi Kurniawan",
        telepon="081234567890",
        pegawai_disebut=staf.nip if staf else "Andi",
    )
    if p and petugas:
        pengaduan_tanggapi(
            pengaduan=p,
            oleh=petugas,
            isi="Laporan diteruskan ke Bidang Pelayanan Kesehatan untuk ditindaklanjuti.",
            status_baru=Status.DIVERIFIKASI,
            unit_kerja=yankes,
        )
        pengaduan_tanggapi(
            pengaduan=p,
            oleh=petugas,
            isi="Pegawai yang bersangkutan dipanggil atasan pada hari Senin.",
            publik=False,
        )
    p = buat(
        "DKSM9TX6HA",
        jenis=Jenis.ASPIRASI,
        judul="Usul pendaftaran daring untuk layanan rujukan",
        isi="Mohon disediakan pendaftaran daring agar warga tidak perlu antre sejak subuh.",
        unit_kerja=diskes,
        nama="Yusuf Hidayat",
    )
    if p and petugas:
        pengaduan_tanggapi(
            pengaduan=p,
            oleh=petugas,
            isi="Aspirasi diteruskan ke Bidang Pelayanan Kesehatan.",
            status_baru=Status.DIVERIFIKASI,
            unit_kerja=yankes,
        )
        pengaduan_tanggapi(
            pengaduan=p,
            oleh=petugas,
            isi="Pendaftaran daring sedang disiapkan dan diuji coba mulai bulan depan.",
            status_baru=Status.DITINDAKLANJUTI,
        )
        pengaduan_tanggapi(
            pengaduan=p,
            oleh=petugas,
            isi="Pendaftaran daring sudah dapat dipakai melalui laman Dinas Kesehatan.",
            status_baru=Status.SELESAI,
        )
        pengaduan_nilai(pengaduan=p, nilai=5)

    if not SurveiKepuasan.objects.filter(unit_kerja=diskes, layanan=LAYANAN_DEMO).exists():
        for jumlah, nilai in SURVEI_DEMO:
            for _ in range(jumlah):
                survei_isi(
                    unit_kerja=diskes,
                    layanan=LAYANAN_DEMO,
                    jawaban=dict(zip([f"u{i}" for i in range(1, 10)], nilai)),
                )
