"""Public feedback: complaints (SP4N-LAPOR! flow), their responses, the holiday table used for
working-day deadlines, and the satisfaction survey (IKM)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Q
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja

from . import rules

MAKS_JUDUL = 150
MAKS_ISI = 4000
MAKS_NAMA = 100
MAKS_TELEPON = 20
MAKS_PEGAWAI_DISEBUT = 150
MAKS_ALASAN = 1000
MAKS_SARAN = 1000
MAKS_LAYANAN = 150

validasi_telepon = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{5,19}$",
    "Nomor telepon hanya boleh berisi angka, spasi, tanda +, - dan tanda kurung (6–20 karakter).",
)


class HariLibur(models.Model):
    """National holidays and cuti bersama: no deadline counts them (HR keeps the list)."""

    tanggal = models.DateField("tanggal", unique=True)
    keterangan = models.CharField("keterangan", max_length=150)
    jenis = models.CharField(
        "jenis", max_length=12, choices=[("LIBUR", "Libur nasional"),
                                          ("CUTI_BERSAMA", "Cuti bersama")], default="LIBUR",
    )  # fmt: skip
    sumber = models.CharField(
        "dasar penetapan", max_length=200, blank=True, help_text="Mis. SKB 3 Menteri tahun 2026."
    )
    perlu_verifikasi = models.BooleanField(
        "perlu verifikasi", default=False, help_text="Tanggal perkiraan; cocokkan dengan SKB."
    )

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["tanggal"]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.keterangan}"


class Jenis(models.TextChoices):
    ASPIRASI = "ASPIRASI", "Aspirasi"
    PENGADUAN = "PENGADUAN", "Pengaduan"
    PERMINTAAN_INFORMASI = "PERMINTAAN_INFORMASI", "Permintaan informasi"


class Status(models.TextChoices):
    DITERIMA = rules.DITERIMA, "Diterima"
    DIVERIFIKASI = rules.DIVERIFIKASI, "Diverifikasi dan diteruskan ke unit"
    DITINDAKLANJUTI = rules.DITINDAKLANJUTI, "Ditindaklanjuti"
    SELESAI = rules.SELESAI, "Selesai"
    DITOLAK = rules.DITOLAK, "Ditolak"


class PengaduanQuerySet(models.QuerySet["Pengaduan"]):
    def with_relasi(self) -> PengaduanQuerySet:
        return self.select_related("unit_kerja", "pegawai_terkait")

    def terlambat(self, hari_ini) -> PengaduanQuerySet:
        return self.filter(status__in=rules.MENUNGGU, batas_waktu__lt=hari_ini)


def _lokasi_lampiran(instance: Pengaduan, filename: str) -> str:
    # The citizen's file name is never used: the tracking code and the sniffed type only.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"pengaduan/{timezone.localdate():%Y/%m}/{instance.kode}.{ext}"


class Pengaduan(models.Model):
    kode = models.CharField("kode pelacakan", max_length=16, unique=True, editable=False)
    jenis = models.CharField("jenis", max_length=24, choices=Jenis)
    judul = models.CharField("judul", max_length=MAKS_JUDUL)
    isi = models.TextField("isi", validators=[MaxLengthValidator(MAKS_ISI)])
    # The unit the complaint is with: the citizen's choice at first, then the routed unit.
    unit_kerja = models.ForeignKey(
        UnitKerja,
        verbose_name="unit kerja",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pengaduan",
    )
    # An employee named by the citizen, as typed; `pegawai_terkait` is the matched record.
    pegawai_disebut = models.CharField(
        "pegawai yang disebut", max_length=MAKS_PEGAWAI_DISEBUT, blank=True
    )
    pegawai_terkait = models.ForeignKey(
        Pegawai,
        verbose_name="pegawai terkait",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pengaduan",
    )
    # Contact details: staff handling the complaint only, never on a public page.
    nama = models.CharField("nama pelapor", max_length=MAKS_NAMA, blank=True)
    email = models.EmailField("email", blank=True)
    telepon = models.CharField(
        "telepon", max_length=MAKS_TELEPON, blank=True, validators=[validasi_telepon]
    )
    anonim = models.BooleanField("anonim", default=False)
    rahasia = models.BooleanField("rahasia", default=False)
    lampiran = models.FileField("lampiran", upload_to=_lokasi_lampiran, blank=True)
    lampiran_jenis = models.CharField("jenis lampiran", max_length=4, blank=True, editable=False)

    status = models.CharField("status", max_length=16, choices=Status, default=Status.DITERIMA)
    # The deadline of the current step (verification or follow-up); empty when none applies.
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    dibuat = models.DateTimeField("diterima", default=timezone.now)
    diverifikasi_pada = models.DateTimeField("diverifikasi", null=True, blank=True)
    ditindaklanjuti_pada = models.DateTimeField("ditindaklanjuti", null=True, blank=True)
    ditutup_pada = models.DateTimeField("ditutup", null=True, blank=True)
    diubah = models.DateTimeField(auto_now=True)
    bukan_wewenang = models.BooleanField("bukan wewenang", default=False)

    penilaian = models.PositiveSmallIntegerField(
        "penilaian pelapor",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    dibuka_ulang = models.BooleanField("pernah dibuka ulang", default=False)
    # The deadline an escalation was sent for: one email per missed deadline.
    dieskalasi_untuk = models.DateField(null=True, blank=True, editable=False)
    konfirmasi_terkirim = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PengaduanQuerySet.as_manager()

    class Meta:
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan"
        ordering = ["-dibuat", "-pk"]
        indexes = [
            models.Index(fields=["status", "batas_waktu"]),
            models.Index(fields=["unit_kerja", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(penilaian__isnull=True) | Q(penilaian__gte=1, penilaian__lte=5),
                name="pengaduan_penilaian_1_5",
            ),
            # Anonymous means nobody knows who wrote it, staff included: neither the name nor
            # any contact is ever stored.
            models.CheckConstraint(
                condition=Q(anonim=False) | Q(nama="", email="", telepon=""),
                name="pengaduan_anonim_tanpa_identitas",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} – {self.judul}"

    @property
    def terlambat(self) -> bool:
        return rules.terlambat(self.status, self.batas_waktu, timezone.localdate())

    @property
    def nama_publik(self) -> str:
        """The reporter as shown outside the handling staff."""
        if self.anonim:
            return "Anonim"
        if self.rahasia or not self.nama:
            return "Dirahasiakan"
        return self.nama

    @property
    def ditutup(self) -> bool:
        return self.status in rules.DITUTUP

    @property
    def bisa_dinilai(self) -> bool:
        return self.status == Status.SELESAI

    @property
    def bisa_dibuka_ulang(self) -> bool:
        return self.status in rules.BUKA_ULANG_KE and not self.dibuka_ulang


class Tanggapan(models.Model):
    """A response: public (the citizen sees it on the tracking page) or an internal note."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="tanggapan")
    isi = models.TextField("isi", validators=[MaxLengthValidator(MAKS_ISI)])
    publik = models.BooleanField("tampil untuk pelapor", default=True)
    dari_pelapor = models.BooleanField("dari pelapor", default=False)
    # Written by the system (e.g. the automatic closing after 10 working days), not by staff.
    otomatis = models.BooleanField("oleh sistem", default=False, editable=False)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_sebelum = models.CharField(max_length=16, choices=Status, blank=True)
    status_sesudah = models.CharField(max_length=16, choices=Status, blank=True)
    # When the reporter was emailed about this public response (claim: sent once).
    notifikasi_terkirim = models.DateTimeField(null=True, blank=True, editable=False)
    dibuat = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "tanggapan"
        verbose_name_plural = "tanggapan"
        ordering = ["dibuat", "pk"]

    def __str__(self) -> str:
        return f"{self.pengaduan.kode} {self.dibuat:%d-%m-%Y %H:%M}"

    @property
    def penulis_publik(self) -> str:
        if self.otomatis:
            return "Sistem"
        return "Pelapor" if self.dari_pelapor else "Petugas"


class SurveiKepuasan(models.Model):
    """One respondent's answers to the nine unsur, each 1 (tidak baik) to 4 (sangat baik)."""

    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="survei"
    )
    layanan = models.CharField("jenis layanan", max_length=MAKS_LAYANAN, blank=True)
    u1 = models.PositiveSmallIntegerField("U1 Persyaratan")
    u2 = models.PositiveSmallIntegerField("U2 Sistem, mekanisme dan prosedur")
    u3 = models.PositiveSmallIntegerField("U3 Waktu penyelesaian")
    u4 = models.PositiveSmallIntegerField("U4 Biaya/tarif")
    u5 = models.PositiveSmallIntegerField("U5 Produk spesifikasi jenis pelayanan")
    u6 = models.PositiveSmallIntegerField("U6 Kompetensi pelaksana")
    u7 = models.PositiveSmallIntegerField("U7 Perilaku pelaksana")
    u8 = models.PositiveSmallIntegerField("U8 Penanganan pengaduan, saran dan masukan")
    u9 = models.PositiveSmallIntegerField("U9 Sarana dan prasarana")
    saran = models.TextField("saran", blank=True, validators=[MaxLengthValidator(MAKS_SARAN)])
    dibuat = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "survei kepuasan"
        verbose_name_plural = "survei kepuasan"
        ordering = ["-dibuat", "-pk"]
        indexes = [models.Index(fields=["unit_kerja", "dibuat"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{u}__gte": rules.NILAI_MIN, f"{u}__lte": rules.NILAI_MAKS}),
                name=f"survei_{u}_1_4",
            )
            for u in rules.KODE_UNSUR
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.dibuat:%d-%m-%Y}"

    def clean(self) -> None:
        errors = {}
        for kode, nama in rules.UNSUR:
            nilai = getattr(self, kode)
            if nilai is not None and not rules.NILAI_MIN <= nilai <= rules.NILAI_MAKS:
                errors[kode] = f"Nilai {nama} harus 1 sampai 4."
        if errors:
            raise ValidationError(errors)
