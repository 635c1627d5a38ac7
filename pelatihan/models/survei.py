"""Post-training surveys (Kirkpatrick): templates, questions, invitations, answers."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from jabatan.models import Kompetensi
from pegawai.models import Pegawai

from .. import rules
from .program import LEVEL_VALIDATORS
from .sesi import Peserta


class JenisSurvei(models.TextChoices):
    REAKSI = rules.SURVEI_REAKSI, "Reaksi (level 1, saat selesai)"
    APLIKASI = rules.SURVEI_APLIKASI, "Penerapan (level 3, setelah beberapa bulan)"


class TemplateSurvei(models.Model):
    nama = models.CharField("nama", max_length=150, unique=True)
    jenis = models.CharField("jenis", max_length=10, choices=JenisSurvei)
    bawaan = models.BooleanField(
        "bawaan", default=False, help_text="Dipakai untuk pelatihan yang tidak memilih template."
    )
    pengantar = models.TextField("pengantar", blank=True)

    class Meta:
        verbose_name = "template survei"
        verbose_name_plural = "template survei"
        ordering = ["jenis", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["jenis"], condition=Q(bawaan=True), name="template_survei_satu_bawaan"
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class TipePertanyaan(models.TextChoices):
    SKALA = "SKALA", "Skala 1–5"
    TEKS = "TEKS", "Isian teks"


class PertanyaanSurvei(models.Model):
    template = models.ForeignKey(
        TemplateSurvei, on_delete=models.CASCADE, related_name="pertanyaan"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=1)
    teks = models.CharField("pertanyaan", max_length=300)
    tipe = models.CharField("tipe", max_length=5, choices=TipePertanyaan)
    wajib = models.BooleanField("wajib dijawab", default=True)
    ukur_penerapan = models.BooleanField(
        "mengukur penerapan kompetensi",
        default=False,
        help_text="Survei penerapan: nilai di bawah ambang memunculkan kebutuhan pelatihan "
        "lanjutan untuk kompetensi pelatihan (atau kompetensi di bawah bila diisi).",
    )
    kompetensi = models.ForeignKey(
        Kompetensi, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "pertanyaan"
        verbose_name_plural = "pertanyaan"
        ordering = ["template", "urutan", "id"]

    def __str__(self) -> str:
        return self.teks

    def clean(self) -> None:
        if self.ukur_penerapan and self.tipe != TipePertanyaan.SKALA:
            raise ValidationError(
                {"ukur_penerapan": "Hanya pertanyaan skala yang dapat mengukur penerapan."}
            )


class Responden(models.TextChoices):
    PESERTA = "PESERTA", "Peserta"
    ATASAN = "ATASAN", "Atasan peserta"


class UndanganQuerySet(models.QuerySet["UndanganSurvei"]):
    def with_relasi(self) -> UndanganQuerySet:
        return self.select_related(
            "peserta__sesi__pelatihan", "peserta__pegawai", "responden_pegawai", "template"
        )

    def terbuka(self) -> UndanganQuerySet:
        return self.filter(dijawab__isnull=True)


def kunci_baru() -> str:
    return secrets.token_urlsafe(16)


class UndanganSurvei(models.Model):
    """One survey invitation to one respondent (the participant, or their supervisor)."""

    peserta = models.ForeignKey(Peserta, on_delete=models.CASCADE, related_name="undangan")
    jenis = models.CharField("jenis", max_length=10, choices=JenisSurvei)
    responden = models.CharField("responden", max_length=7, choices=Responden)
    responden_pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="undangan_survei"
    )
    template = models.ForeignKey(TemplateSurvei, on_delete=models.PROTECT, related_name="+")
    tanggal_jatuh = models.DateField("jatuh tempo")
    # A random part of the emailed link, so a used or replaced link can never be replayed.
    kunci = models.CharField(max_length=32, default=kunci_baru, editable=False)
    email_terkirim = models.DateTimeField("email terkirim", null=True, blank=True)
    pengingat_terkirim = models.DateTimeField("pengingat terkirim", null=True, blank=True)
    dijawab = models.DateTimeField("dijawab", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = UndanganQuerySet.as_manager()

    class Meta:
        verbose_name = "undangan survei"
        verbose_name_plural = "undangan survei"
        ordering = ["-tanggal_jatuh", "id"]
        constraints = [
            # The survey job may run twice (retry, by hand): still one invitation each.
            models.UniqueConstraint(
                fields=["peserta", "jenis", "responden"], name="undangan_survei_unik"
            ),
        ]
        indexes = [
            models.Index(fields=["responden_pegawai", "dijawab"]),
            models.Index(fields=["email_terkirim", "dijawab"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} – {self.peserta}"


class JawabanSurvei(models.Model):
    undangan = models.ForeignKey(UndanganSurvei, on_delete=models.CASCADE, related_name="jawaban")
    pertanyaan = models.ForeignKey(
        PertanyaanSurvei, on_delete=models.PROTECT, related_name="jawaban"
    )
    nilai = models.PositiveSmallIntegerField(
        "nilai", null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    teks = models.TextField("jawaban", blank=True)

    class Meta:
        verbose_name = "jawaban survei"
        verbose_name_plural = "jawaban survei"
        constraints = [
            models.UniqueConstraint(fields=["undangan", "pertanyaan"], name="jawaban_unik"),
            models.CheckConstraint(
                condition=Q(nilai__isnull=True) | Q(nilai__gte=1, nilai__lte=5),
                name="jawaban_nilai_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pertanyaan_id}: {self.nilai if self.nilai is not None else self.teks[:50]}"
