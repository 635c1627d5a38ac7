"""Precomputed AKPK gap counts per (unit kerja, competency), refreshed nightly (beat job
`pelatihan.tasks.hitung_rekap_akpk`, command `hitung_rekap_akpk`): the unit needs analysis
sums the units of the scope from here instead of reading ~1 M standard rows against every
assessment of the province per request."""

from __future__ import annotations

from django.db import models

from jabatan.models import Kompetensi
from pegawai.models import UnitKerja


class RekapAkpkUnit(models.Model):
    """The active employees placed in `unit_kerja` (as placed, not rolled up) whose latest
    assessment of `kompetensi` is below the standard of their active position
    (`pegawai_kesenjangan`, with `jumlah_selisih` the sum of those gaps), or who were never
    assessed on it (`belum_diases`). Year-independent: the gap reads the latest assessment."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="+")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.CASCADE, related_name="+")
    pegawai_kesenjangan = models.PositiveIntegerField(default=0)
    jumlah_selisih = models.PositiveIntegerField(default=0)
    belum_diases = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "rekap AKPK per unit"
        verbose_name_plural = "rekap AKPK per unit"
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "kompetensi"], name="rekap_akpk_unit_kompetensi_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja_id}/{self.kompetensi_id}: {self.pegawai_kesenjangan}"


class StempelRekapAkpk(models.Model):
    """One row: when `RekapAkpkUnit` was last computed (shown on the page)."""

    dihitung = models.DateTimeField()
    durasi_detik = models.FloatField(default=0)

    class Meta:
        verbose_name = "stempel rekap AKPK"
        verbose_name_plural = "stempel rekap AKPK"

    def __str__(self) -> str:
        return f"rekap AKPK {self.dihitung:%Y-%m-%d %H:%M}"
