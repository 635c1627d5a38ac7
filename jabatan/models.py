"""Positions and placement: the jabatan catalogue, competencies, assessments, formasi and
placements (penempatan). Rules that span models live in `services.py`; pure rules in
`rules.py`."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pegawai.models import GOLONGAN_CHOICES, JenjangPendidikan, Pegawai, UnitKerja

from . import rules


class JenisJabatan(models.TextChoices):
    JPT_UTAMA = "JPT_UTAMA", "JPT Utama"
    JPT_MADYA = "JPT_MADYA", "JPT Madya"
    JPT_PRATAMA = "JPT_PRATAMA", "JPT Pratama"
    ADMINISTRATOR = "ADMINISTRATOR", "Administrator"
    PENGAWAS = "PENGAWAS", "Pengawas"
    PELAKSANA = "PELAKSANA", "Pelaksana"
    FUNGSIONAL = "FUNGSIONAL", "Fungsional"


# Positions that lead a unit (a holder is the atasan of the unit's staff).
JENIS_STRUKTURAL = [
    JenisJabatan.JPT_UTAMA,
    JenisJabatan.JPT_MADYA,
    JenisJabatan.JPT_PRATAMA,
    JenisJabatan.ADMINISTRATOR,
    JenisJabatan.PENGAWAS,
]


class KelompokPelaksana(models.TextChoices):
    KLEREK = "KLEREK", "Klerek"
    OPERATOR = "OPERATOR", "Operator"
    TEKNISI = "TEKNISI", "Teknisi"


class RumpunFungsional(models.TextChoices):
    KEAHLIAN = "KEAHLIAN", "Keahlian"
    KETERAMPILAN = "KETERAMPILAN", "Keterampilan"


class JenjangFungsional(models.TextChoices):
    PEMULA = "PEMULA", "Pemula"
    TERAMPIL = "TERAMPIL", "Terampil"
    MAHIR = "MAHIR", "Mahir"
    PENYELIA = "PENYELIA", "Penyelia"
    AHLI_PERTAMA = "AHLI_PERTAMA", "Ahli Pertama"
    AHLI_MUDA = "AHLI_MUDA", "Ahli Muda"
    AHLI_MADYA = "AHLI_MADYA", "Ahli Madya"
    AHLI_UTAMA = "AHLI_UTAMA", "Ahli Utama"


JENJANG_KEAHLIAN = {
    JenjangFungsional.AHLI_PERTAMA,
    JenjangFungsional.AHLI_MUDA,
    JenjangFungsional.AHLI_MADYA,
    JenjangFungsional.AHLI_UTAMA,
}


class Eselon(models.TextChoices):
    I_A = "I.a", "I.a"
    I_B = "I.b", "I.b"
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"


class JenisUnit(models.TextChoices):
    """The kind of unit a position belongs in, read from the unit's name (`rules.jenis_unit`)."""

    SEKRETARIAT = "SEKRETARIAT", "Sekretariat"
    DINAS = "DINAS", "Dinas"
    BADAN = "BADAN", "Badan"
    INSPEKTORAT = "INSPEKTORAT", "Inspektorat"
    SATUAN = "SATUAN", "Satuan"
    RSUD = "RSUD", "Rumah sakit daerah"
    BIDANG = "BIDANG", "Bidang"


class JabatanQuerySet(models.QuerySet["Jabatan"]):
    def with_standar(self) -> JabatanQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "standar_kompetensi",
                queryset=StandarKompetensi.objects.select_related("kompetensi").order_by(
                    "kompetensi__jenis", "kompetensi__nama"
                ),
            )
        )


class Jabatan(models.Model):
    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama jabatan", max_length=200, unique=True)
    jenis = models.CharField("jenis jabatan", max_length=20, choices=JenisJabatan)
    kelompok_pelaksana = models.CharField(
        "kelompok pelaksana", max_length=10, choices=KelompokPelaksana, blank=True
    )
    rumpun = models.CharField(
        "kategori fungsional", max_length=15, choices=RumpunFungsional, blank=True
    )
    jenjang = models.CharField(
        "jenjang fungsional", max_length=15, choices=JenjangFungsional, blank=True
    )
    kelas_jabatan = models.PositiveSmallIntegerField(
        "kelas jabatan",
        validators=[MinValueValidator(1), MaxValueValidator(17)],
        help_text="1–17, dari evaluasi jabatan (tidak diturunkan dari golongan).",
    )
    eselon = models.CharField("eselon (lama)", max_length=5, choices=Eselon, blank=True)
    pendidikan_minimal = models.CharField(
        "pendidikan minimal", max_length=4, choices=JenjangPendidikan, blank=True
    )
    jurusan = models.TextField(
        "jurusan yang diterima",
        blank=True,
        help_text="Pisahkan dengan titik koma, mis. “Kesehatan Masyarakat; Epidemiologi”. "
        "Kosong = semua jurusan.",
    )
    golongan_minimal = models.CharField(
        "golongan minimal", max_length=6, choices=GOLONGAN_CHOICES, blank=True
    )
    jenis_unit = models.CharField(
        "jenis unit",
        max_length=12,
        choices=JenisUnit,
        blank=True,
        help_text="Jenis unit kerja tempat jabatan ini berada. Kosong = semua.",
    )
    ikhtisar = models.TextField("ikhtisar jabatan", blank=True)
    perlu_ditinjau = models.BooleanField(
        "perlu ditinjau",
        default=False,
        help_text="Dibuat otomatis dari impor pegawai; kelas dan syaratnya perlu diperiksa HR.",
    )
    history = HistoricalRecords()

    objects = JabatanQuerySet.as_manager()

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["-kelas_jabatan", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="jabatan_kelas_1_17",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def daftar_jurusan(self) -> list[str]:
        return rules.pisah_jurusan(self.jurusan)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.jenis == JenisJabatan.PELAKSANA:
            if not self.kelompok_pelaksana:
                errors["kelompok_pelaksana"] = (
                    "Jabatan pelaksana wajib memiliki kelompok (Klerek, Operator, Teknisi)."
                )
        elif self.kelompok_pelaksana:
            errors["kelompok_pelaksana"] = "Kelompok pelaksana hanya untuk jabatan pelaksana."
        if self.jenis == JenisJabatan.FUNGSIONAL:
            if not self.rumpun:
                errors["rumpun"] = "Jabatan fungsional wajib memilih keahlian atau keterampilan."
            if not self.jenjang:
                errors["jenjang"] = "Jabatan fungsional wajib memiliki jenjang."
            elif self.rumpun and (self.jenjang in JENJANG_KEAHLIAN) != (
                self.rumpun == RumpunFungsional.KEAHLIAN
            ):
                errors["jenjang"] = (
                    f"Jenjang {self.get_jenjang_display()} tidak sesuai dengan kategori "
                    f"{self.get_rumpun_display().lower()}."
                )
        else:
            if self.rumpun:
                errors["rumpun"] = "Kategori keahlian/keterampilan hanya untuk jabatan fungsional."
            if self.jenjang:
                errors["jenjang"] = "Jenjang hanya untuk jabatan fungsional."
        if errors:
            raise ValidationError(errors)


class JenisKompetensi(models.TextChoices):
    MANAJERIAL = "MANAJERIAL", "Manajerial"
    SOSIAL_KULTURAL = "SOSIAL_KULTURAL", "Sosial kultural"
    TEKNIS = "TEKNIS", "Teknis"


class Kompetensi(models.Model):
    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama", max_length=150, unique=True)
    jenis = models.CharField("jenis", max_length=16, choices=JenisKompetensi)
    sektor = models.CharField(
        "sektor", max_length=100, blank=True, help_text="Untuk kompetensi teknis."
    )
    definisi = models.TextField("definisi", blank=True)
    level_1 = models.TextField("deskripsi level 1", blank=True)
    level_2 = models.TextField("deskripsi level 2", blank=True)
    level_3 = models.TextField("deskripsi level 3", blank=True)
    level_4 = models.TextField("deskripsi level 4", blank=True)
    level_5 = models.TextField("deskripsi level 5", blank=True)

    class Meta:
        verbose_name = "kompetensi"
        verbose_name_plural = "kamus kompetensi"
        ordering = ["jenis", "nama"]

    def __str__(self) -> str:
        return self.nama

    def deskripsi_level(self, level: int) -> str:
        return getattr(self, f"level_{level}", "") if 1 <= level <= 5 else ""


LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class StandarKompetensi(models.Model):
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.CASCADE, related_name="standar_kompetensi"
    )
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="standar")
    level = models.PositiveSmallIntegerField("level dibutuhkan", validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = "standar kompetensi"
        verbose_name_plural = "standar kompetensi"
        ordering = ["jabatan", "kompetensi__jenis", "kompetensi__nama"]
        constraints = [
            models.UniqueConstraint(fields=["jabatan", "kompetensi"], name="standar_unik"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="standar_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kompetensi} level {self.level}"


class MetodeAsesmen(models.TextChoices):
    ASSESSMENT_CENTER = "ASSESSMENT_CENTER", "Assessment center"
    UJI_KOMPETENSI = "UJI_KOMPETENSI", "Uji kompetensi"
    PENILAIAN_ATASAN = "PENILAIAN_ATASAN", "Penilaian atasan"


class AsesmenKompetensi(models.Model):
    """One measured level of one competency; the latest per (pegawai, kompetensi) counts."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="asesmen")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="asesmen")
    level = models.PositiveSmallIntegerField("level hasil", validators=LEVEL_VALIDATORS)
    tanggal = models.DateField("tanggal asesmen")
    metode = models.CharField("metode", max_length=20, choices=MetodeAsesmen)
    asesor = models.CharField("asesor", max_length=150, blank=True)
    catatan = models.TextField("catatan", blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "asesmen kompetensi"
        verbose_name_plural = "asesmen kompetensi"
        ordering = ["pegawai", "kompetensi", "-tanggal", "-id"]
        indexes = [models.Index(fields=["kompetensi", "pegawai", "tanggal"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="asesmen_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kompetensi}: level {self.level} ({self.tanggal:%d-%m-%Y})"

    def clean(self) -> None:
        if self.tanggal and self.tanggal > timezone.localdate():
            raise ValidationError({"tanggal": "Tanggal asesmen tidak boleh di masa depan."})


def _terisi_subquery() -> Subquery:
    return Subquery(
        Penempatan.objects.filter(
            aktif=True, unit_kerja=OuterRef("unit_kerja"), jabatan=OuterRef("jabatan")
        )
        .order_by()
        .values("unit_kerja")
        .annotate(n=Count("id"))
        .values("n"),
        output_field=IntegerField(),
    )


class FormasiQuerySet(models.QuerySet["Formasi"]):
    def with_hitungan(self) -> FormasiQuerySet:
        """`terisi` (active placements) and `kekurangan` (kebutuhan − terisi; below 0 =
        over-filled), aggregated in SQL."""
        return self.select_related("unit_kerja", "jabatan").annotate(
            terisi=Coalesce(_terisi_subquery(), Value(0)),
            kekurangan=F("kebutuhan") - Coalesce(_terisi_subquery(), Value(0)),
        )


class Formasi(models.Model):
    """How many people a unit needs in a position (from analisis beban kerja)."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="formasi")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="formasi")
    kebutuhan = models.PositiveIntegerField("kebutuhan")
    history = HistoricalRecords()

    objects = FormasiQuerySet.as_manager()

    class Meta:
        verbose_name = "formasi"
        verbose_name_plural = "formasi"
        ordering = ["unit_kerja__path", "-jabatan__kelas_jabatan", "jabatan__nama"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "jabatan"], name="formasi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.jabatan} – {self.unit_kerja} ({self.kebutuhan})"

    def clean(self) -> None:
        if self.jabatan_id and self.unit_kerja_id:
            masalah = rules.cek_jenis_unit(self.jabatan.jenis_unit, self.unit_kerja.nama)
            if masalah:
                raise ValidationError({"unit_kerja": masalah})


class JenisPenempatan(models.TextChoices):
    PENGANGKATAN = "PENGANGKATAN", "Pengangkatan"
    MUTASI = "MUTASI", "Mutasi"
    ROTASI = "ROTASI", "Rotasi"
    PROMOSI = "PROMOSI", "Promosi"
    # Written by the pegawai import for the position already held; never chosen by hand.
    IMPOR = "IMPOR", "Data awal (impor)"


JENIS_PENEMPATAN_MANUAL = [c for c in JenisPenempatan if c != JenisPenempatan.IMPOR]


class PenempatanQuerySet(models.QuerySet["Penempatan"]):
    def with_relasi(self) -> PenempatanQuerySet:
        return self.select_related(
            "pegawai", "pegawai__unit_kerja", "jabatan", "unit_kerja", "atasan"
        )

    def aktif(self) -> PenempatanQuerySet:
        return self.filter(aktif=True)


class Penempatan(models.Model):
    """A placement (the SK). Exactly one active placement per pegawai; a new one ends the
    previous (`tmt_selesai`, `aktif=False`). Written only by `services.penempatan_buat`
    and the import wiring."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penempatan")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penempatan")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="penempatan")
    jenis = models.CharField("jenis", max_length=15, choices=JenisPenempatan)
    nomor_sk = models.CharField("nomor SK", max_length=100, blank=True)
    tanggal_sk = models.DateField("tanggal SK", null=True, blank=True)
    tmt = models.DateField(
        "TMT", null=True, blank=True, help_text="Kosong hanya untuk data awal hasil impor."
    )
    tmt_selesai = models.DateField("selesai", null=True, blank=True)
    atasan = models.ForeignKey(
        Pegawai,
        verbose_name="atasan langsung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aktif = models.BooleanField("aktif", default=True)
    alasan = models.TextField(
        "alasan melebihi formasi",
        blank=True,
        help_text="Wajib bila penempatan membuat formasi terlampaui.",
    )
    peringatan = models.JSONField(
        "peringatan",
        default=list,
        blank=True,
        help_text="Peringatan yang ditampilkan kepada HR saat penempatan (mis. pendidikan).",
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = PenempatanQuerySet.as_manager()

    class Meta:
        verbose_name = "penempatan"
        verbose_name_plural = "penempatan"
        ordering = ["pegawai", "-aktif", "-tmt", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"], condition=Q(aktif=True), name="penempatan_satu_aktif"
            ),
        ]
        indexes = [models.Index(fields=["unit_kerja", "jabatan", "aktif"])]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} – {self.jabatan} ({self.unit_kerja})"
