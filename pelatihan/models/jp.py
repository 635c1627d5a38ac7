"""The JP ledger (catatan JP) with its targets per status, and certificates."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pegawai.models import Pegawai, StatusKepegawaian

from .. import rules
from .program import JENIS_CHOICES, Pelatihan
from .sesi import Peserta


class TargetJP(models.Model):
    """The yearly JP target per employment status (PNS 20 JP; PPPK up to 24, verify)."""

    status_kepegawaian = models.CharField(
        "status kepegawaian", max_length=4, choices=StatusKepegawaian, unique=True
    )
    target_jp = models.DecimalField(
        "target JP per tahun", max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "target JP"
        verbose_name_plural = "target JP"
        ordering = ["status_kepegawaian"]

    def __str__(self) -> str:
        return f"{self.status_kepegawaian}: {self.target_jp} JP"


class CatatanJPQuerySet(models.QuerySet["CatatanJP"]):
    def tahun(self, tahun: int) -> CatatanJPQuerySet:
        awal, akhir = rules.rentang_tahun(tahun)
        return self.filter(tanggal__range=(awal, akhir))


# Sources of ledger rows. Other apps add their own (e.g. "karier.coaching"): the value is a
# free string so a new source needs no migration here.
SUMBER_SESI = "pelatihan.peserta"
SUMBER_MANUAL = "pelatihan.manual"


class CatatanJP(models.Model):
    """One line of the JP ledger: JP recognised for an employee on a date.

    Completed sessions write one row per participant (source `pelatihan.peserta`); recognised
    nonklasikal activities (coaching, mentoring, self-study…) come from HR or from other apps
    through `services.jp_akui` with their own source and source id, which makes every writer
    idempotent (unique per source and id).
    """

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="catatan_jp")
    tanggal = models.DateField("tanggal")
    jp = models.DecimalField(
        "JP", max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    jenis = models.CharField("jenis kegiatan", max_length=30, choices=JENIS_CHOICES)
    uraian = models.CharField("uraian", max_length=300)
    sumber = models.CharField("sumber", max_length=50, default=SUMBER_MANUAL)
    sumber_id = models.CharField(
        "id di sumber", max_length=64, default="", blank=True,
        help_text="Kosong untuk entri manual (dibuat unik otomatis).",
    )  # fmt: skip
    peserta = models.OneToOneField(
        Peserta, null=True, blank=True, on_delete=models.CASCADE, related_name="catatan_jp"
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = CatatanJPQuerySet.as_manager()

    class Meta:
        verbose_name = "catatan JP"
        verbose_name_plural = "catatan JP (buku JP)"
        ordering = ["pegawai", "-tanggal"]
        constraints = [
            models.UniqueConstraint(fields=["sumber", "sumber_id"], name="catatan_jp_sumber_unik"),
            models.CheckConstraint(condition=Q(jp__gte=0), name="catatan_jp_positif"),
        ]
        indexes = [models.Index(fields=["pegawai", "tanggal"])]

    def __str__(self) -> str:
        return f"{self.pegawai.nama}: {self.jp} JP ({self.tanggal:%d-%m-%Y})"

    def save(self, *args, **kwargs) -> None:
        if not self.sumber_id:
            self.sumber_id = secrets.token_hex(8)
        super().save(*args, **kwargs)


class JpTahunan(models.Model):
    """The JP of an employee in a calendar year: the sum of their ledger rows dated in that
    year. Kept by database triggers on the ledger (migration 0004), so every writer counts:
    services, the admin, cascades, bulk loads; `services.jp_tahunan_hitung_ulang` rebuilds it
    (after a TRUNCATE or a restore, which triggers do not see). The JP report filters and
    charts on it instead of summing the year's ledger per request."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="jp_tahunan")
    tahun = models.PositiveSmallIntegerField("tahun")
    jp = models.DecimalField("JP", max_digits=8, decimal_places=2, default=0)

    class Meta:
        verbose_name = "JP tahunan"
        verbose_name_plural = "JP tahunan"
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="jp_tahunan_unik"),
        ]
        indexes = [models.Index(fields=["tahun", "jp"], name="jp_tahunan_tahun_jp")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.jp} JP"


class SertifikatQuerySet(models.QuerySet["Sertifikat"]):
    def with_relasi(self) -> SertifikatQuerySet:
        return self.select_related("pegawai", "peserta__sesi__pelatihan", "pelatihan")


def _unggah_sertifikat(instance: Sertifikat, filename: str) -> str:
    return f"pelatihan/sertifikat/{instance.pegawai_id}/{secrets.token_hex(8)}-{filename}"


class Sertifikat(models.Model):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="sertifikat")
    peserta = models.OneToOneField(
        Peserta, null=True, blank=True, on_delete=models.SET_NULL, related_name="sertifikat",
        help_text="Kosong untuk sertifikat dari luar sistem.",
    )  # fmt: skip
    pelatihan = models.ForeignKey(
        Pelatihan, null=True, blank=True, on_delete=models.SET_NULL, related_name="sertifikat"
    )
    nama = models.CharField("nama sertifikat", max_length=200)
    nomor = models.CharField("nomor sertifikat", max_length=100, unique=True)
    penerbit = models.CharField("penerbit", max_length=200, blank=True)
    tanggal_terbit = models.DateField("tanggal terbit")
    tanggal_kedaluwarsa = models.DateField("berlaku sampai", null=True, blank=True)
    berkas = models.FileField("berkas (PDF)", upload_to=_unggah_sertifikat, blank=True)
    # The smallest "days before expiry" already reminded (claim for idempotent reminders).
    pengingat_hari = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = SertifikatQuerySet.as_manager()

    class Meta:
        verbose_name = "sertifikat"
        verbose_name_plural = "sertifikat"
        ordering = ["pegawai", "-tanggal_terbit"]
        indexes = [models.Index(fields=["tanggal_kedaluwarsa"])]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nomor})"

    def clean(self) -> None:
        if (
            self.tanggal_kedaluwarsa
            and self.tanggal_terbit
            and self.tanggal_kedaluwarsa < self.tanggal_terbit
        ):
            raise ValidationError(
                {"tanggal_kedaluwarsa": "Tanggal berlaku sampai tidak boleh sebelum terbit."}
            )
        if self.peserta_id and self.peserta.pegawai_id != self.pegawai_id:
            raise ValidationError({"peserta": "Peserta bukan pegawai pemilik sertifikat ini."})
