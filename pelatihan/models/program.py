"""The training catalogue: programmes (pelatihan), the competencies they build, and
speakers (narasumber)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from jabatan.models import Kompetensi

from .. import rules

JENIS_CHOICES = [
    ("Klasikal", list(rules.JENIS_KLASIKAL.items())),
    ("Nonklasikal", list(rules.JENIS_NONKLASIKAL.items())),
]
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Penyelenggara(models.TextChoices):
    BPSDM = "BPSDM", "BPSDM Provinsi Lampung"
    LAN = "LAN", "Lembaga Administrasi Negara (LAN)"
    INSTANSI = "INSTANSI", "Perangkat daerah (instansi sendiri)"
    EKSTERNAL = "EKSTERNAL", "Lembaga eksternal"


class PelatihanQuerySet(models.QuerySet["Pelatihan"]):
    def with_kompetensi(self) -> PelatihanQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "kompetensi_dikembangkan",
                queryset=KompetensiPelatihan.objects.select_related("kompetensi"),
            )
        )


class Pelatihan(models.Model):
    """A programme in the catalogue."""

    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama pelatihan", max_length=200)
    jenis = models.CharField("jenis", max_length=30, choices=JENIS_CHOICES)
    jp = models.DecimalField(
        "JP",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="Jam pelajaran (1 JP = 45 menit).",
    )
    penyelenggara = models.CharField("penyelenggara", max_length=10, choices=Penyelenggara)
    nama_penyelenggara = models.CharField(
        "nama lembaga penyelenggara",
        max_length=200,
        blank=True,
        help_text="Mis. nama OPD atau lembaga eksternal.",
    )
    deskripsi = models.TextField("deskripsi", blank=True)
    bersertifikat = models.BooleanField("menerbitkan sertifikat", default=False)
    masa_berlaku_bulan = models.PositiveSmallIntegerField(
        "masa berlaku sertifikat (bulan)",
        null=True,
        blank=True,
        help_text="Kosongkan bila sertifikat berlaku seterusnya.",
    )
    hari_survei_aplikasi = models.PositiveSmallIntegerField(
        "survei penerapan (hari setelah selesai)",
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text="Berapa hari setelah sesi selesai peserta dan atasannya ditanya penerapannya.",
    )
    template_reaksi = models.ForeignKey(
        "TemplateSurvei",
        verbose_name="template survei reaksi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Kosong = template reaksi bawaan.",
    )
    template_aplikasi = models.ForeignKey(
        "TemplateSurvei",
        verbose_name="template survei penerapan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Kosong = template penerapan bawaan.",
    )
    aktif = models.BooleanField("aktif", default=True)
    history = HistoricalRecords()

    objects = PelatihanQuerySet.as_manager()

    class Meta:
        verbose_name = "pelatihan"
        verbose_name_plural = "katalog pelatihan"
        ordering = ["nama"]
        constraints = [models.CheckConstraint(condition=Q(jp__gte=0), name="pelatihan_jp_positif")]

    def __str__(self) -> str:
        return f"{self.nama} ({self.kode})"

    @property
    def bentuk(self) -> str:
        return rules.bentuk_pelatihan(self.jenis)

    def clean(self) -> None:
        errors = {}
        if self.masa_berlaku_bulan and not self.bersertifikat:
            errors["masa_berlaku_bulan"] = (
                "Masa berlaku hanya diisi untuk pelatihan yang menerbitkan sertifikat."
            )
        if self.template_reaksi_id and self.template_reaksi.jenis != rules.SURVEI_REAKSI:
            errors["template_reaksi"] = "Pilih template berjenis survei reaksi."
        if self.template_aplikasi_id and self.template_aplikasi.jenis != rules.SURVEI_APLIKASI:
            errors["template_aplikasi"] = "Pilih template berjenis survei penerapan."
        if errors:
            raise ValidationError(errors)


class KompetensiPelatihan(models.Model):
    """A competency a programme develops, and up to which level."""

    pelatihan = models.ForeignKey(
        Pelatihan, on_delete=models.CASCADE, related_name="kompetensi_dikembangkan"
    )
    kompetensi = models.ForeignKey(
        Kompetensi, on_delete=models.PROTECT, related_name="pelatihan_pengembang"
    )
    level_target = models.PositiveSmallIntegerField("sampai level", validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = "kompetensi yang dikembangkan"
        verbose_name_plural = "kompetensi yang dikembangkan"
        ordering = ["pelatihan", "kompetensi__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pelatihan", "kompetensi"], name="kompetensi_pelatihan_unik"
            ),
            models.CheckConstraint(
                condition=Q(level_target__gte=1, level_target__lte=5),
                name="kompetensi_pelatihan_level_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kompetensi} sampai level {self.level_target}"


class JenisNarasumber(models.TextChoices):
    PRAKTISI = "PRAKTISI", "Praktisi"
    AKADEMISI = "AKADEMISI", "Akademisi"
    WIDYAISWARA = "WIDYAISWARA", "Widyaiswara"
    PEJABAT = "PEJABAT", "Pejabat pemerintah"


class Narasumber(models.Model):
    nama = models.CharField("nama", max_length=150)
    jenis = models.CharField("jenis", max_length=12, choices=JenisNarasumber)
    instansi = models.CharField("instansi/institusi", max_length=200)
    keahlian = models.CharField("bidang keahlian", max_length=200, blank=True)
    email = models.EmailField("email", blank=True)

    class Meta:
        verbose_name = "narasumber"
        verbose_name_plural = "narasumber"
        ordering = ["nama"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.instansi})"
