"""Competency development: the training catalogue, sessions and participants, the JP ledger,
certificates, training needs (AKPK) and post-training surveys (Kirkpatrick).

Workflows that span models live in `services.py`; pure rules in `rules.py`.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from simple_history.models import HistoricalRecords

from jabatan.models import Kompetensi
from pegawai.models import Pegawai, StatusKepegawaian, UnitKerja

from . import rules

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


# --- Training needs (AKPK) ------------------------------------------------------------------


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


# --- Surveys --------------------------------------------------------------------------------


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
