"""Employee master data: the unit kerja tree, pegawai, their history and HR roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import rules


class UnitKerjaQuerySet(models.QuerySet["UnitKerja"]):
    def subtree(self, unit: UnitKerja) -> UnitKerjaQuerySet:
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)


class UnitKerja(models.Model):
    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=200)
    singkatan = models.CharField("singkatan", max_length=50, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="unit induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of kode values ("/DISKES/DISKES-YANKES/"), kept by save(); it makes
    # "this unit and its sub-units" one indexed prefix filter.
    path = models.CharField(max_length=1000, editable=False, db_index=True)
    history = HistoricalRecords()

    objects = UnitKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = self.compute_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in UnitKerja.objects.filter(parent=self):
                child.save()

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        return f"{prefix}{self.kode}/"

    def clean(self) -> None:
        parent = self.parent
        seen = {self.pk} if self.pk else set()
        while parent is not None:
            if parent.pk in seen or parent.kode == self.kode:
                raise ValidationError({"parent": "Unit induk membentuk lingkaran."})
            seen.add(parent.pk)
            parent = parent.parent


class JenisKelamin(models.TextChoices):
    L = "L", "Laki-laki"
    P = "P", "Perempuan"


class Agama(models.TextChoices):
    ISLAM = "Islam", "Islam"
    KRISTEN = "Kristen", "Kristen"
    KATOLIK = "Katolik", "Katolik"
    HINDU = "Hindu", "Hindu"
    BUDDHA = "Buddha", "Buddha"
    KONGHUCU = "Konghucu", "Konghucu"
    LAINNYA = "Lainnya", "Kepercayaan/lainnya"


class StatusKepegawaian(models.TextChoices):
    PNS = "PNS", "PNS"
    CPNS = "CPNS", "CPNS"
    PPPK = "PPPK", "PPPK"


class JenjangPendidikan(models.TextChoices):
    """Ijazah levels of the entry-golongan and ceiling table (Kepka BKN 12/2002)."""

    SD = "SD", "SD"
    SMP = "SMP", "SMP/SLTP"
    SMPK = "SMPK", "SLTP Kejuruan"
    SLTA = "SLTA", "SLTA/SMA/SMK"
    D1 = "D1", "D1"
    D2 = "D2", "D2"
    SGPL = "SGPL", "SGPLB"
    SM = "SM", "Sarjana Muda"
    D3 = "D3", "D3"
    D4 = "D4", "D4"
    S1 = "S1", "S1"
    PROF = "PROF", "Dokter/Apoteker (profesi)"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


GOLONGAN_CHOICES = [(g, f"{g} – {rules.pangkat(g)}") for g in rules.GOLONGAN_PNS] + [
    (g, f"{g} (PPPK)") for g in rules.GOLONGAN_PPPK
]


class PegawaiQuerySet(models.QuerySet["Pegawai"]):
    def with_relasi(self) -> PegawaiQuerySet:
        """The joins every list of pegawai needs: unit, atasan, account."""
        return self.select_related("unit_kerja", "atasan", "user")

    def aktif(self) -> PegawaiQuerySet:
        return self.filter(aktif=True)


class Pegawai(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun login",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
    )
    nip = models.CharField("NIP", max_length=18, unique=True)
    nik = models.CharField("NIK", max_length=16, blank=True)
    nama = models.CharField("nama", max_length=150)
    gelar_depan = models.CharField("gelar depan", max_length=50, blank=True)
    gelar_belakang = models.CharField("gelar belakang", max_length=80, blank=True)
    tempat_lahir = models.CharField("tempat lahir", max_length=100, blank=True)
    tanggal_lahir = models.DateField("tanggal lahir")
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin)
    agama = models.CharField("agama", max_length=20, choices=Agama, blank=True)
    status_kepegawaian = models.CharField(
        "status kepegawaian", max_length=4, choices=StatusKepegawaian
    )
    golongan = models.CharField("golongan", max_length=6, choices=GOLONGAN_CHOICES)
    tmt_golongan = models.DateField("TMT golongan", null=True, blank=True)
    pendidikan_jenjang = models.CharField(
        "pendidikan terakhir", max_length=4, choices=JenjangPendidikan, blank=True
    )
    pendidikan_jurusan = models.CharField("jurusan", max_length=150, blank=True)
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="pegawai"
    )
    # Free text from the source records until the jabatan catalogue wires placements.
    nama_jabatan = models.CharField("jabatan", max_length=200, blank=True)
    jenis_jabatan = models.CharField("jenis jabatan", max_length=50, blank=True)
    atasan = models.ForeignKey(
        "self",
        verbose_name="atasan langsung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bawahan",
    )
    email = models.EmailField("email", blank=True)
    no_hp = models.CharField("no HP", max_length=20, blank=True)
    aktif = models.BooleanField("aktif", default=True, help_text="Kosongkan bila pensiun/berhenti.")
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama", "nip"]
        constraints = [
            models.UniqueConstraint(fields=["nik"], condition=~Q(nik=""), name="pegawai_nik_unik"),
            models.CheckConstraint(
                condition=~Q(atasan=models.F("id")), name="pegawai_bukan_atasan_sendiri"
            ),
        ]
        indexes = [
            models.Index(fields=["unit_kerja", "nama"]),
            # The default order of every list: an index scan stops at the page instead of
            # sorting 100,000 rows (the trigram index on the name is PostgreSQL-only, 0003).
            models.Index(fields=["nama", "nip"], name="pegawai_nama_nip"),
        ]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        depan = f"{self.gelar_depan} " if self.gelar_depan else ""
        belakang = f", {self.gelar_belakang}" if self.gelar_belakang else ""
        return f"{depan}{self.nama}{belakang}"

    @property
    def pangkat(self) -> str:
        return rules.pangkat(self.golongan)

    @property
    def nik_samaran(self) -> str:
        return rules.samarkan_nik(self.nik)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        self.nip = rules.normalisasi_nip(self.nip)
        masalah = rules.masalah_nip(
            self.nip,
            tanggal_lahir=self.tanggal_lahir,
            jenis_kelamin=self.jenis_kelamin,
            status_kepegawaian=self.status_kepegawaian,
        )
        if masalah:
            errors["nip"] = masalah
        if self.nik:
            self.nik = rules.normalisasi_nip(self.nik)
            masalah = rules.masalah_nik(
                self.nik, tanggal_lahir=self.tanggal_lahir, jenis_kelamin=self.jenis_kelamin
            )
            if masalah:
                errors["nik"] = masalah
        if self.golongan and self.status_kepegawaian:
            try:
                self.golongan = rules.normalisasi_golongan(self.golongan, self.status_kepegawaian)
            except rules.AturanError as exc:
                errors.setdefault("golongan", []).append(str(exc))
        if self.atasan_id and self.pk and self.atasan_id == self.pk:
            errors.setdefault("atasan", []).append("Pegawai tidak dapat menjadi atasannya sendiri.")
        if errors:
            raise ValidationError(errors)


class RiwayatPangkat(models.Model):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat_pangkat")
    golongan = models.CharField("golongan", max_length=6, choices=GOLONGAN_CHOICES)
    tmt = models.DateField("TMT")
    nomor_sk = models.CharField("nomor SK", max_length=100, blank=True)
    tanggal_sk = models.DateField("tanggal SK", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "riwayat pangkat"
        verbose_name_plural = "riwayat pangkat"
        ordering = ["pegawai", "-tmt"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "golongan"], name="riwayat_pangkat_unik")
        ]

    def __str__(self) -> str:
        return f"{self.golongan} TMT {self.tmt:%d-%m-%Y}"


class RiwayatPendidikan(models.Model):
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="riwayat_pendidikan"
    )
    jenjang = models.CharField("jenjang", max_length=4, choices=JenjangPendidikan)
    jurusan = models.CharField("jurusan", max_length=150, blank=True)
    institusi = models.CharField("institusi", max_length=200, blank=True)
    tahun_lulus = models.PositiveSmallIntegerField("tahun lulus", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "riwayat pendidikan"
        verbose_name_plural = "riwayat pendidikan"
        ordering = ["pegawai", "-tahun_lulus"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "jenjang", "jurusan"], name="riwayat_pendidikan_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jenjang} {self.jurusan}".strip()


class OperatorOpd(models.Model):
    """An HR officer of one unit kerja; they manage that unit and its sub-units."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operator_opd"
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.CASCADE, related_name="operator"
    )

    class Meta:
        verbose_name = "operator OPD"
        verbose_name_plural = "operator OPD"

    def __str__(self) -> str:
        return f"{self.user.get_username()} – {self.unit_kerja}"


GRUP_ADMIN_BKD = "Admin BKD"


class StatusImpor(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu"
    BERJALAN = "berjalan", "Berjalan"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


def _lokasi_impor(instance: ImporPegawai, nama: str) -> str:
    return f"impor_pegawai/{instance.dibuat:%Y/%m}/{nama}"


class ImporPegawai(models.Model):
    """A background employee import (big files): the file, who imports it, and its progress.

    The worker (`pegawai.tasks.impor_pegawai_jalankan`) runs the same validation and the same
    all-or-nothing write as the admin import; `baris_diproses` grows as the rows are read."""

    berkas = models.FileField("berkas", upload_to=_lokasi_impor)
    nama_berkas = models.CharField("nama berkas", max_length=255)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diimpor oleh",
        on_delete=models.CASCADE,
        related_name="impor_pegawai",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        verbose_name="cakupan unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Unit operator saat berkas diunggah; kosong untuk Admin BKD (semua unit).",
    )
    lewati_baris_salah = models.BooleanField("lewati baris yang salah", default=False)
    status = models.CharField(
        "status", max_length=10, choices=StatusImpor, default=StatusImpor.MENUNGGU
    )
    tahap = models.CharField("tahap", max_length=100, blank=True)
    baris_total = models.PositiveIntegerField("jumlah baris", default=0)
    baris_diproses = models.PositiveIntegerField("baris diproses", default=0)
    dibuat_jumlah = models.PositiveIntegerField("ditambahkan", default=0)
    diubah_jumlah = models.PositiveIntegerField("diperbarui", default=0)
    tidak_berubah_jumlah = models.PositiveIntegerField("tidak berubah", default=0)
    ditolak_jumlah = models.PositiveIntegerField("baris ditolak", default=0)
    akun_dibuat = models.PositiveIntegerField("akun dibuat", default=0)
    ringkasan = models.TextField("ringkasan", blank=True)
    kesalahan_awal = models.JSONField(
        "kesalahan pertama", default=list, blank=True, help_text="Paling banyak 50 alasan."
    )
    berkas_alasan = models.FileField("berkas alasan", upload_to=_lokasi_impor, blank=True)
    tertunda = models.BooleanField(
        "menunggu antrean",
        default=False,
        help_text="Antrean tugas tidak terjangkau saat diunggah; dikirim ulang otomatis.",
    )
    dibuat = models.DateTimeField("diunggah", default=timezone.now)
    mulai = models.DateTimeField("mulai", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "impor pegawai (latar belakang)"
        verbose_name_plural = "impor pegawai (latar belakang)"
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["oleh", "-dibuat"], name="impor_pegawai_oleh")]

    def __str__(self) -> str:
        return f"Impor {self.nama_berkas} ({self.get_status_display()})"

    @property
    def persen(self) -> int:
        if self.status == StatusImpor.SELESAI:
            return 100
        if not self.baris_total:
            return 0
        return min(100, self.baris_diproses * 100 // self.baris_total)

    @property
    def berakhir(self) -> bool:
        return self.status in (StatusImpor.SELESAI, StatusImpor.GAGAL)
