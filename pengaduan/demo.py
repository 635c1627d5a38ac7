"""Demo data for `seed_demo`: complaints in different states and survey answers for Dinas
Kesehatan. Idempotent: fixed tracking codes, and the survey answers are added once."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja

from . import rules
from .models import Jenis, Pengaduan, Status, SurveiKepuasan, Tanggapan
from .selectors import batas_hari_kerja
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
    _pengaduan_awal()
    _pengaduan_berjalan()
    _survei_sampel()


def _pengaduan_awal() -> None:
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


# --- Complaints along the whole flow, filed days ago (working days before today) ------------


def _hari_kerja_lalu(jumlah: int, hari_ini: date | None = None) -> date:
    """The working day `jumlah` working days before today (weekends skipped)."""
    tanggal = hari_ini or timezone.localdate()
    while jumlah:
        tanggal -= timedelta(days=1)
        if rules.hari_kerja(tanggal, ()):
            jumlah -= 1
    return tanggal


def _pada(tanggal: date, jam: int) -> datetime:
    """That moment, or now if it has not come yet (a seed run early in the morning)."""
    return min(timezone.make_aware(datetime.combine(tanggal, time(jam, 15))), timezone.now())


def _mundurkan(pengaduan: Pengaduan, diterima: int, langkah: list[int]) -> None:
    """Date a complaint handled just now as if filed `diterima` working days ago and each
    response (in order) `langkah[i]` working days ago; the deadline of the current step
    follows from those dates, as the service would have set it then."""
    p = Pengaduan.objects.get(pk=pengaduan.pk)
    p.dibuat = _pada(_hari_kerja_lalu(diterima), 9)
    for tanggapan, umur in zip(p.tanggapan.order_by("dibuat", "pk"), langkah, strict=True):
        waktu = _pada(_hari_kerja_lalu(umur), 10 + umur % 5)
        Tanggapan.objects.filter(pk=tanggapan.pk).update(dibuat=waktu)
        if tanggapan.status_sesudah == Status.DIVERIFIKASI:
            p.diverifikasi_pada = waktu
        elif tanggapan.status_sesudah == Status.DITINDAKLANJUTI:
            p.ditindaklanjuti_pada = waktu
        elif tanggapan.status_sesudah in (Status.SELESAI, Status.DITOLAK):
            p.ditutup_pada = waktu
    if p.status == Status.DITERIMA:
        p.batas_waktu = batas_hari_kerja(timezone.localdate(p.dibuat), rules.HARI_VERIFIKASI)
    elif p.status == Status.DIVERIFIKASI:
        p.batas_waktu = batas_hari_kerja(
            timezone.localdate(p.diverifikasi_pada), rules.HARI_TINDAK_LANJUT
        )
    Pengaduan.objects.filter(pk=p.pk).update(
        dibuat=p.dibuat,
        diverifikasi_pada=p.diverifikasi_pada,
        ditindaklanjuti_pada=p.ditindaklanjuti_pada,
        ditutup_pada=p.ditutup_pada,
        batas_waktu=p.batas_waktu,
    )


# (kode, jenis, judul, isi, OPD, pelapor, working days ago, [(status or None, isi, unit,
#  publik, working days ago)], rating)
PENGADUAN_BERJALAN = [
    ("DKSR4WT7ZN", Jenis.PENGADUAN, "Obat kosong di apotek puskesmas",
     "Sudah dua minggu obat hipertensi untuk peserta prolanis kosong di puskesmas kami.",
     "DISKES", "Sri Wahyuni", 7, [], None),
    ("DKSV3HQ8MC", Jenis.PENGADUAN, "Fogging DBD tidak kunjung dilakukan",
     "Sudah ada tiga kasus DBD di RT kami tetapi belum ada fogging dari dinas.",
     "DISKES", "Agus Salim", 12, [
         (Status.DIVERIFIKASI, "Diteruskan ke Bidang P2P untuk penyelidikan epidemiologi.",
          "DISKES-P2P", True, 11),
     ], None),
    ("DKST6YB2PK", Jenis.PENGADUAN, "Ambulans rujukan datang terlambat",
     "Ambulans untuk rujukan ibu melahirkan baru datang dua jam setelah dihubungi.",
     "DISKES", "Wulan Sari", 9, [
         (Status.DIVERIFIKASI, "Diteruskan ke Bidang Pelayanan Kesehatan.", "DISKES-YANKES",
          True, 8),
         (Status.DITINDAKLANJUTI, "Jadwal jaga sopir ambulans ditambah menjadi dua orang per "
          "sif; evaluasi dilakukan akhir bulan.", None, True, 4),
     ], None),
    ("DKSW7FG3RH", Jenis.PERMINTAAN_INFORMASI, "Klaim BPJS ditolak rumah sakit swasta",
     "Mengapa klaim BPJS saya ditolak rumah sakit swasta di Metro?",
     "DISKES", "Hendro Wibowo", 6, [
         (Status.DITOLAK, "Klaim BPJS di rumah sakit swasta adalah kewenangan BPJS Kesehatan "
          "Cabang Metro; silakan menghubungi kantor cabang tersebut.", None, True, 5),
     ], None),
    ("DDKA5MN8QT", Jenis.PENGADUAN, "Pungutan uang gedung di SMA negeri",
     "Orang tua siswa baru diminta membayar uang gedung Rp2.500.000 di sebuah SMA negeri.",
     "DISDIKBUD", "Ratna Dewi", 4, [
         (Status.DIVERIFIKASI, "Diteruskan ke Bidang Pembinaan SMA untuk klarifikasi sekolah.",
          "DISDIKBUD-SMA", True, 3),
         (None, "Kepala sekolah dipanggil untuk klarifikasi pada hari Kamis.", None, False, 2),
     ], None),
    ("DDKC9TP4WX", Jenis.PENGADUAN, "Tunjangan profesi guru triwulan lalu belum cair",
     "Tunjangan profesi guru triwulan lalu belum kami terima sampai sekarang.",
     "DISDIKBUD", "Yudi Prasetyo", 15, [
         (Status.DIVERIFIKASI, "Diteruskan ke Sekretariat Dinas Pendidikan dan Kebudayaan.",
          "DISDIKBUD-SEKRE", True, 14),
         (Status.DITINDAKLANJUTI, "Berkas pencairan sedang diverifikasi BPKAD.", None, True, 10),
         (Status.SELESAI, "Tunjangan telah ditransfer ke rekening guru penerima.", None, True, 6),
     ], 4),
]  # fmt: skip


def _pengaduan_berjalan() -> None:
    units = {u.kode: u for u in UnitKerja.objects.all()}
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    for kode, jenis, judul, isi, opd, nama, diterima, langkah, nilai in PENGADUAN_BERJALAN:
        if Pengaduan.objects.filter(kode=kode).exists() or opd not in units:
            continue
        petugas = _petugas() if opd == "DISKES" else admin
        if petugas is None:
            continue
        p = pengaduan_ajukan(
            kode=kode, jenis=jenis, judul=judul, isi=isi, unit_kerja=units[opd], nama=nama
        )
        for status, isi_tanggapan, unit, publik, _umur in langkah:
            pengaduan_tanggapi(
                pengaduan=p,
                oleh=petugas,
                isi=isi_tanggapan,
                publik=publik,
                status_baru=status,
                unit_kerja=units.get(unit) if unit else None,
                bukan_wewenang=status == Status.DITOLAK,
            )
        if nilai:
            pengaduan_nilai(pengaduan=p, nilai=nilai)
        _mundurkan(p, diterima, [umur for *_, umur in langkah])


# --- IKM survey sample --------------------------------------------------------------------

# (OPD, service, respondents, typical answer per unsur u1..u9)
SURVEI_SAMPEL = [
    ("DISKES", "Perizinan tenaga kesehatan (STR/SIP)", 14, [3, 3, 2, 4, 3, 3, 3, 3, 3]),
    ("DISKES", "Layanan informasi kesehatan", 10, [3, 4, 3, 4, 3, 4, 4, 3, 3]),
    ("DISDIKBUD", "Legalisir ijazah dan mutasi siswa", 15, [3, 3, 3, 4, 3, 3, 4, 2, 3]),
    ("DISDIKBUD", "Layanan tunjangan profesi guru", 12, [3, 2, 2, 4, 3, 3, 3, 2, 3]),
    ("BKD", "Layanan kenaikan pangkat", 10, [4, 3, 3, 4, 4, 3, 4, 3, 3]),
]


def _angka(*bagian: object) -> int:
    return int(hashlib.sha1(":".join(map(str, bagian)).encode()).hexdigest()[:8], 16)


def _survei_sampel() -> None:
    """Respondents spread over the last weeks of this year, answers around each service's
    typical score (each unsur 1–4). Added once per (unit, service)."""
    hari_ini = timezone.localdate()
    awal_tahun = date(hari_ini.year, 1, 1)
    units = {u.kode: u for u in UnitKerja.objects.filter(kode__in={s[0] for s in SURVEI_SAMPEL})}
    for kode, layanan, jumlah, khas in SURVEI_SAMPEL:
        unit = units.get(kode)
        if unit is None or SurveiKepuasan.objects.filter(unit_kerja=unit, layanan=layanan).exists():
            continue
        for r in range(jumlah):
            jawaban = {}
            for i, nilai in enumerate(khas, 1):
                geser = _angka(layanan, r, i) % 10
                nilai += -1 if geser == 0 else 1 if geser == 9 else 0
                jawaban[f"u{i}"] = min(4, max(1, nilai))
            survei = survei_isi(unit_kerja=unit, layanan=layanan, jawaban=jawaban)
            tanggal = max(awal_tahun, hari_ini - timedelta(days=_angka(layanan, r) % 45))
            SurveiKepuasan.objects.filter(pk=survei.pk).update(dibuat=_pada(tanggal, 8 + r % 8))
