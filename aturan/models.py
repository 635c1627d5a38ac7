"""Rules that change with regulation, as rows with a valid-from date (DESIGN: data, not
constants). A computation for a date uses the row of its code with the latest `berlaku_mulai`
on or before that date; a new regulation is a new row, never an edit of the old one, so past
results stay reproducible. History (who changed what) is kept by simple-history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from . import katalog


class Aturan(models.Model):
    kode = models.CharField("aturan", max_length=40, choices=katalog.PILIHAN_KODE)
    berlaku_mulai = models.DateField(
        "berlaku mulai", help_text="Tanggal mulai berlaku menurut regulasi (TMT)."
    )
    nilai = models.JSONField(
        "nilai", help_text="Isi aturan dalam format JSON; bentuknya diperiksa saat disimpan."
    )
    regulasi = models.CharField(
        "dasar regulasi", max_length=200, help_text="Mis. Peraturan BKN Nomor 4 Tahun 2023."
    )
    keterangan = models.TextField("keterangan", blank=True)
    perlu_verifikasi = models.BooleanField(
        "perlu verifikasi",
        default=False,
        help_text="Nilai dari sumber sekunder; periksa terhadap naskah regulasi.",
    )
    diubah = models.DateTimeField("diubah", auto_now=True)

    history = HistoricalRecords(verbose_name="riwayat aturan")

    class Meta:
        verbose_name = "aturan berlaku"
        verbose_name_plural = "aturan berlaku"
        ordering = ["kode", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["kode", "berlaku_mulai"], name="aturan_kode_tanggal")
        ]

    def __str__(self) -> str:
        return f"{self.get_kode_display()} sejak {self.berlaku_mulai:%d-%m-%Y} ({self.regulasi})"

    def clean(self) -> None:
        masalah = katalog.cek_nilai(self.kode, self.nilai)
        if masalah:
            raise ValidationError({"nilai": masalah})
