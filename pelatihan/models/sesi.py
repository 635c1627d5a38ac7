"""Sessions (sesi) of a programme and their participants (peserta)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from simple_history.models import HistoricalRecords

from pegawai.models import Pegawai, UnitKerja

from .. import rules
from .program import Narasumber, Pelatihan


class StatusSesi(models.TextChoices):
    DIRENCANAKAN = "DIRENCANAKAN", "Direncanakan"
    PENDAFTARAN = "PENDAFTARAN", "Pendaftaran dibuka"
    BERLANGSUNG = "BERLANGSUNG", "Berlangsung"
    SELESAI = "SELESAI", "Selesai"
    DIBATALKAN = "DIBATALKAN", "Dibatalkan"


# Sessions that still accept registrations and nominations.
STATUS_SESI_TERBUKA = [StatusSesi.DIRENCANAKAN, StatusSesi.PENDAFTARAN]


class StatusPeserta(models.TextChoices):
    DIUSULKAN = "DIUSULKAN", "Diusulkan atasan"
    TERDAFTAR = "TERDAFTAR", "Terdaftar"
    DITOLAK = "DITOLAK", "Ditolak"
    BATAL = "BATAL", "Batal"


# A seat is taken by a registered participant; a nomination waits for HR's approval.
STATUS_PESERTA_KURSI = [StatusPeserta.TERDAFTAR]
# For date clashes a pending nomination counts as well as a registration.
STATUS_PESERTA_AKTIF = [StatusPeserta.DIUSULKAN, StatusPeserta.TERDAFTAR]


class SesiQuerySet(models.QuerySet["Sesi"]):
    def with_relasi(self) -> SesiQuerySet:
        return self.select_related("pelatihan", "unit_penyelenggara")

    def with_terisi(self) -> SesiQuerySet:
        return self.annotate(
            terisi=Count("peserta", filter=Q(peserta__status__in=STATUS_PESERTA_KURSI))
        )


class Sesi(models.Model):
    """One run of a programme."""

    pelatihan = models.ForeignKey(Pelatihan, on_delete=models.PROTECT, related_name="sesi")
    kode = models.CharField(
        "kode sesi", max_length=50, unique=True, help_text="Mis. PKP-2026-01; dipakai saat impor."
    )
    angkatan = models.CharField("angkatan/kelas", max_length=50, blank=True)
    tanggal_mulai = models.DateField("tanggal mulai")
    tanggal_selesai = models.DateField("tanggal selesai")
    daring = models.BooleanField("daring (online)", default=False)
    tempat = models.CharField(
        "tempat atau tautan", max_length=300, help_text="Alamat, atau tautan bila daring."
    )
    kuota = models.PositiveIntegerField("kuota peserta", validators=[MinValueValidator(1)])
    narasumber = models.ManyToManyField(
        Narasumber, verbose_name="narasumber", blank=True, related_name="sesi"
    )
    unit_penyelenggara = models.ForeignKey(
        UnitKerja,
        verbose_name="unit penyelenggara",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "status", max_length=12, choices=StatusSesi, default=StatusSesi.PENDAFTARAN
    )
    catatan = models.TextField("catatan", blank=True)
    history = HistoricalRecords(excluded_fields=["narasumber"])

    objects = SesiQuerySet.as_manager()

    class Meta:
        verbose_name = "sesi pelatihan"
        verbose_name_plural = "sesi pelatihan"
        ordering = ["-tanggal_mulai", "kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                name="sesi_tanggal_urut",
            ),
            models.CheckConstraint(condition=Q(kuota__gte=1), name="sesi_kuota_positif"),
        ]
        indexes = [models.Index(fields=["tanggal_selesai", "status"])]

    def __str__(self) -> str:
        return f"{self.pelatihan.nama} – {self.kode}"

    @property
    def nama(self) -> str:
        return self.pelatihan.nama if self.pelatihan_id else self.kode

    def clean(self) -> None:
        if (
            self.tanggal_mulai
            and self.tanggal_selesai
            and self.tanggal_selesai < self.tanggal_mulai
        ):
            raise ValidationError(
                {"tanggal_selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."}
            )

    def ringkas(self) -> rules.SesiRingkas:
        return rules.SesiRingkas(
            id=self.pk or 0,
            nama=str(self),
            tanggal_mulai=self.tanggal_mulai,
            tanggal_selesai=self.tanggal_selesai,
        )


class HasilPelatihan(models.TextChoices):
    LULUS = rules.HASIL_LULUS, "Lulus"
    TIDAK_LULUS = rules.HASIL_TIDAK_LULUS, "Tidak lulus"


class PesertaQuerySet(models.QuerySet["Peserta"]):
    def with_relasi(self) -> PesertaQuerySet:
        return self.select_related(
            "sesi", "sesi__pelatihan", "pegawai", "pegawai__unit_kerja", "pegawai__atasan"
        )


NILAI_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Peserta(models.Model):
    """A pegawai in a session: registered by HR or nominated by their supervisor."""

    sesi = models.ForeignKey(Sesi, on_delete=models.CASCADE, related_name="peserta")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="pelatihan")
    status = models.CharField(
        "status", max_length=10, choices=StatusPeserta, default=StatusPeserta.TERDAFTAR
    )
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="diusulkan oleh",
    )  # fmt: skip
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="didaftarkan/disetujui oleh",
    )  # fmt: skip
    alasan_usulan = models.TextField("alasan usulan", blank=True)
    hadir = models.BooleanField("hadir", null=True, blank=True)
    nilai_pre_test = models.DecimalField(
        "nilai pre-test", max_digits=5, decimal_places=2, null=True, blank=True,
        validators=NILAI_VALIDATORS,
    )  # fmt: skip
    nilai_post_test = models.DecimalField(
        "nilai post-test", max_digits=5, decimal_places=2, null=True, blank=True,
        validators=NILAI_VALIDATORS,
    )  # fmt: skip
    hasil = models.CharField("hasil", max_length=12, choices=HasilPelatihan, blank=True)
    jp_diakui = models.DecimalField(
        "JP diakui", max_digits=6, decimal_places=2, default=0, editable=False
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PesertaQuerySet.as_manager()

    class Meta:
        verbose_name = "peserta"
        verbose_name_plural = "peserta pelatihan"
        ordering = ["sesi", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["sesi", "pegawai"], name="peserta_unik_per_sesi"),
        ]
        indexes = [models.Index(fields=["pegawai", "status"])]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} – {self.sesi}"

    def clean(self) -> None:
        errors = {}
        if self.hasil and self.hadir is False:
            errors["hasil"] = "Peserta yang tidak hadir tidak dapat diberi hasil lulus/tidak lulus."
        if (self.hadir is not None or self.hasil) and self.status != StatusPeserta.TERDAFTAR:
            errors["hadir"] = "Kehadiran dan hasil hanya dicatat untuk peserta yang terdaftar."
        if errors:
            raise ValidationError(errors)
