"""Training needs (AKPK: analisis kebutuhan pengembangan kompetensi)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from jabatan.models import Kompetensi
from pegawai.models import Pegawai

from .sesi import Peserta


class SumberKebutuhan(models.TextChoices):
    SURVEI_PENERAPAN = "SURVEI_PENERAPAN", "Survei penerapan pascapelatihan"
    KINERJA = "KINERJA", "Hasil penilaian kinerja"
    USULAN = "USULAN", "Usulan atasan/HR"


class StatusKebutuhan(models.TextChoices):
    TERBUKA = "TERBUKA", "Terbuka"
    DIRENCANAKAN = "DIRENCANAKAN", "Masuk rencana pelatihan"
    TERPENUHI = "TERPENUHI", "Terpenuhi"


class KebutuhanPelatihan(models.Model):
    """A training need raised for an employee and a competency outside the gap analysis:
    a follow-up after an application survey, or one HR records by hand."""

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="kebutuhan_pelatihan"
    )
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="+")
    sumber = models.CharField("sumber", max_length=20, choices=SumberKebutuhan)
    peserta = models.ForeignKey(
        Peserta, null=True, blank=True, on_delete=models.CASCADE, related_name="tindak_lanjut",
        help_text="Keikutsertaan yang surveinya memunculkan kebutuhan ini.",
    )  # fmt: skip
    tahun = models.PositiveSmallIntegerField("tahun")
    keterangan = models.TextField("keterangan", blank=True)
    status = models.CharField(
        "status", max_length=12, choices=StatusKebutuhan, default=StatusKebutuhan.TERBUKA
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kebutuhan pelatihan"
        verbose_name_plural = "kebutuhan pelatihan (tindak lanjut)"
        ordering = ["-tahun", "pegawai"]
        constraints = [
            # One follow-up per participation and competency, whoever answered low first.
            models.UniqueConstraint(
                fields=["peserta", "kompetensi"],
                condition=Q(peserta__isnull=False),
                name="kebutuhan_tindak_lanjut_unik",
            ),
        ]
        indexes = [models.Index(fields=["pegawai", "status"])]

    def __str__(self) -> str:
        return f"{self.pegawai.nama}: {self.kompetensi}"
