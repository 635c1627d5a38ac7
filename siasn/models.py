"""The SIASN outbox (what must reach BKN) and the drift list (where BKN and we differ)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from pegawai.models import Pegawai

from . import rules


class JenisKiriman(models.TextChoices):
    SKP22 = "SKP22", "SKP tahunan"
    KINERJA_PERIODIK = "KINERJA_PERIODIK", "Kinerja periodik"
    DIKLAT = "DIKLAT", "Diklat struktural"
    KURSUS = "KURSUS", "Kursus/pelatihan"
    ANGKA_KREDIT = "ANGKA_KREDIT", "Angka kredit"


class Operasi(models.TextChoices):
    SIMPAN = "SIMPAN", "Simpan"
    HAPUS = "HAPUS", "Tarik (hapus di SIASN)"


class StatusKiriman(models.TextChoices):
    MENUNGGU = "MENUNGGU", "Menunggu"
    DIKIRIM = "DIKIRIM", "Sedang dikirim"
    TERKIRIM = "TERKIRIM", "Terkirim"
    DITOLAK = "DITOLAK", "Ditolak BKN"
    DIGANTI = "DIGANTI", "Diganti versi baru"


class KirimanQuerySet(models.QuerySet["Kiriman"]):
    def with_relasi(self) -> KirimanQuerySet:
        return self.select_related("pegawai", "pegawai__unit_kerja")


class Kiriman(models.Model):
    """One version of one local record on its way to SIASN (the outbox row).

    Written in the same transaction as the local record; `kunci` (local record + version) is
    the idempotency key: a key is claimed by one worker at a time and is never sent twice.
    A local correction is a new version; delivering it withdraws or replaces the older one
    at BKN.
    """

    kunci = models.CharField("kunci idempotensi", max_length=120, unique=True)
    jenis = models.CharField("jenis", max_length=20, choices=JenisKiriman)
    operasi = models.CharField("operasi", max_length=6, choices=Operasi, default=Operasi.SIMPAN)
    # The local record: "kinerja.penilaian:12", "pelatihan.peserta:7", …
    sumber = models.CharField("data lokal", max_length=80)
    versi = models.PositiveIntegerField("versi")
    pegawai = models.ForeignKey(
        Pegawai, verbose_name="pegawai", on_delete=models.CASCADE, related_name="+"
    )
    nip = models.CharField("NIP", max_length=18)
    uraian = models.CharField("uraian", max_length=300)
    muatan = models.JSONField("muatan", default=dict, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=StatusKiriman, default=StatusKiriman.MENUNGGU
    )
    percobaan = models.PositiveSmallIntegerField("percobaan", default=0)
    kirim_setelah = models.DateTimeField("kirim setelah", default=timezone.now)
    diklaim_pada = models.DateTimeField("diklaim pada", null=True, blank=True)
    bkn_id = models.CharField("id di SIASN", max_length=64, blank=True)
    bkn_dihapus_pada = models.DateTimeField("dihapus di SIASN pada", null=True, blank=True)
    jawaban = models.JSONField("jawaban BKN", null=True, blank=True)
    pesan = models.TextField("pesan", blank=True)
    terkirim_pada = models.DateTimeField("terkirim pada", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = KirimanQuerySet.as_manager()

    class Meta:
        verbose_name = "kiriman SIASN"
        verbose_name_plural = "kiriman SIASN"
        ordering = ["-dibuat", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sumber", "versi"], name="kiriman_sumber_versi_unik"),
        ]
        indexes = [
            models.Index(fields=["status", "kirim_setelah"], name="kiriman_antrean"),
            models.Index(fields=["sumber", "-versi"], name="kiriman_sumber"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nip} v{self.versi}"


class StatusSelisih(models.TextChoices):
    TERBUKA = "TERBUKA", "Perlu keputusan"
    DITERIMA = "DITERIMA", "Diterima (data lokal diperbarui)"
    PERBAIKI_BKN = "PERBAIKI_BKN", "Perbaiki di BKN"
    SELESAI = "SELESAI", "Sudah sama"


STATUS_SELISIH_AKTIF = [StatusSelisih.TERBUKA, StatusSelisih.PERBAIKI_BKN]


class SelisihQuerySet(models.QuerySet["Selisih"]):
    def with_relasi(self) -> SelisihQuerySet:
        return self.select_related("pegawai", "pegawai__unit_kerja", "diputuskan_oleh")


class Selisih(models.Model):
    """A difference between this system and SIASN found by reconciliation, for HR to decide:
    accept BKN's value (the employee is updated through the normal service, with history)
    or keep ours and fix it at BKN. Nothing is overwritten without that decision."""

    pegawai = models.ForeignKey(
        Pegawai, verbose_name="pegawai", on_delete=models.CASCADE, related_name="+"
    )
    unsur = models.CharField("unsur", max_length=12, choices=list(rules.UNSUR.items()))
    nilai_lokal = models.CharField("di sistem ini", max_length=300, blank=True)
    nilai_siasn = models.CharField("di SIASN", max_length=300, blank=True)
    data_siasn = models.JSONField("data SIASN", default=dict, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=StatusSelisih, default=StatusSelisih.TERBUKA
    )
    ditemukan_pada = models.DateTimeField("ditemukan pada", default=timezone.now)
    dicek_pada = models.DateTimeField("terakhir dicek", default=timezone.now)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name="diputuskan oleh",
    )  # fmt: skip
    diputuskan_pada = models.DateTimeField("diputuskan pada", null=True, blank=True)

    objects = SelisihQuerySet.as_manager()

    class Meta:
        verbose_name = "selisih data SIASN"
        verbose_name_plural = "selisih data SIASN"
        ordering = ["pegawai__nama", "unsur"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "unsur"],
                condition=Q(status__in=["TERBUKA", "PERBAIKI_BKN"]),
                name="selisih_aktif_unik",
            )
        ]
        indexes = [models.Index(fields=["status", "unsur"], name="selisih_status")]

    def __str__(self) -> str:
        return f"{self.pegawai.nip} {self.unsur}: {self.nilai_lokal} ≠ {self.nilai_siasn}"
