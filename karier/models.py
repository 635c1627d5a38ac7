"""Career management: development plans (IDP) and their activities, coaching and mentoring
sessions, appointed mentors, the yearly talent map (nine-box), key positions for succession,
HR's potensi scores and the kenaikan pangkat worklist.

Writes go through `services.py`; pure rules live in `rules.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from simple_history.models import HistoricalRecords

from jabatan.models import Jabatan, Kompetensi
from pegawai.models import Pegawai, UnitKerja

from . import pengaturan, rules

TAHUN_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]

# --- Development plan (IDP) ------------------------------------------------------------------


class StatusRencana(models.TextChoices):
    DRAF = "DRAF", "Draf"
    DISETUJUI = "DISETUJUI", "Disepakati atasan"


class RencanaQuerySet(models.QuerySet["RencanaPengembangan"]):
    def with_relasi(self) -> RencanaQuerySet:
        return self.select_related("pegawai", "pegawai__unit_kerja", "disetujui_oleh")

    def with_progres(self) -> RencanaQuerySet:
        """`jumlah_kegiatan` and `kegiatan_selesai` counted in SQL (cancelled ones left out)."""
        return self.annotate(
            jumlah_kegiatan=Count("kegiatan", filter=~Q(kegiatan__status=StatusKegiatan.BATAL)),
            kegiatan_selesai=Count("kegiatan", filter=Q(kegiatan__status=StatusKegiatan.SELESAI)),
        )


class RencanaPengembangan(models.Model):
    """An individual development plan for one year, agreed with the direct supervisor."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rencana_karier")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    tujuan = models.TextField(
        "tujuan pengembangan", help_text="Apa yang ingin dicapai tahun ini (karier, kompetensi)."
    )
    kompetensi = models.ManyToManyField(
        Kompetensi,
        verbose_name="kompetensi yang dikembangkan",
        blank=True,
        related_name="+",
        help_text="Kesenjangan kompetensi dari AKPK yang ditangani rencana ini.",
    )
    status = models.CharField(
        "status", max_length=10, choices=StatusRencana, default=StatusRencana.DRAF
    )
    disetujui_oleh = models.ForeignKey(
        Pegawai,
        verbose_name="disepakati oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField("disepakati pada", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = RencanaQuerySet.as_manager()

    class Meta:
        verbose_name = "rencana pengembangan (IDP)"
        verbose_name_plural = "rencana pengembangan (IDP)"
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="rencana_pegawai_tahun_unik")
        ]

    def __str__(self) -> str:
        return f"IDP {self.pegawai.nama} {self.tahun}"

    @property
    def persen(self) -> int:
        """Progress 0–100 (needs `with_progres()`)."""
        total = getattr(self, "jumlah_kegiatan", 0)
        return round(100 * getattr(self, "kegiatan_selesai", 0) / total) if total else 0


class JenisKegiatan(models.TextChoices):
    PELATIHAN = "PELATIHAN", "Pelatihan"
    COACHING = "COACHING", "Coaching"
    MENTORING = "MENTORING", "Mentoring"
    PENUGASAN = "PENUGASAN", "Penugasan"


class StatusKegiatan(models.TextChoices):
    RENCANA = "RENCANA", "Direncanakan"
    SELESAI = "SELESAI", "Selesai"
    BATAL = "BATAL", "Dibatalkan"


class KegiatanPengembangan(models.Model):
    rencana = models.ForeignKey(
        RencanaPengembangan, on_delete=models.CASCADE, related_name="kegiatan"
    )
    jenis = models.CharField("jenis kegiatan", max_length=10, choices=JenisKegiatan)
    uraian = models.CharField("uraian kegiatan", max_length=300)
    kompetensi = models.ForeignKey(
        Kompetensi,
        verbose_name="kompetensi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sesi_pelatihan = models.ForeignKey(
        "pelatihan.Sesi",
        verbose_name="sesi pelatihan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_tanggal = models.DateField("target selesai", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=StatusKegiatan, default=StatusKegiatan.RENCANA
    )
    tanggal_selesai = models.DateField("tanggal selesai", null=True, blank=True)

    class Meta:
        verbose_name = "kegiatan pengembangan"
        verbose_name_plural = "kegiatan pengembangan"
        ordering = ["rencana", "target_tanggal", "id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.uraian}"

    def clean(self) -> None:
        if self.status == StatusKegiatan.SELESAI and not self.tanggal_selesai:
            raise ValidationError({"tanggal_selesai": "Isi tanggal selesai kegiatan."})


# --- Coaching and mentoring ------------------------------------------------------------------


class PenunjukanMentor(models.Model):
    """HR appoints a mentor (other than the direct supervisor) for an employee."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="mentor_ditunjuk")
    mentor = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="mentee")
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai", null=True, blank=True)
    catatan = models.CharField("catatan", max_length=300, blank=True)

    class Meta:
        verbose_name = "penunjukan mentor"
        verbose_name_plural = "penunjukan mentor"
        ordering = ["pegawai__nama", "-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(pegawai=models.F("mentor")), name="mentor_bukan_diri_sendiri"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor.nama} → {self.pegawai.nama}"

    def clean(self) -> None:
        if self.pegawai_id and self.pegawai_id == self.mentor_id:
            raise ValidationError({"mentor": "Pegawai tidak dapat menjadi mentor bagi dirinya."})
        if self.selesai and self.mulai and self.selesai < self.mulai:
            raise ValidationError({"selesai": "Tanggal selesai sebelum tanggal mulai."})


class JenisPembinaan(models.TextChoices):
    COACHING = "COACHING", "Coaching"
    MENTORING = "MENTORING", "Mentoring"


class SesiPembinaanQuerySet(models.QuerySet["SesiPembinaan"]):
    def with_relasi(self) -> SesiPembinaanQuerySet:
        return self.select_related("pegawai", "pegawai__unit_kerja", "pembina")


class SesiPembinaan(models.Model):
    """One coaching or mentoring session; its duration counts as nonklasikal JP."""

    jenis = models.CharField("jenis", max_length=10, choices=JenisPembinaan)
    pembina = models.ForeignKey(
        Pegawai,
        verbose_name="coach/mentor",
        on_delete=models.PROTECT,
        related_name="sesi_membina",
    )
    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name="pegawai (coachee)",
        on_delete=models.CASCADE,
        related_name="sesi_dibina",
    )
    tanggal = models.DateField("tanggal")
    durasi_menit = models.PositiveSmallIntegerField(
        "durasi (menit)", validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    topik = models.CharField("topik", max_length=200)
    catatan = models.TextField("catatan", blank=True)
    kesepakatan = models.TextField("tindakan yang disepakati", blank=True)
    tindak_lanjut_tanggal = models.DateField("tanggal tindak lanjut", null=True, blank=True)
    tindak_lanjut = models.TextField("hasil tindak lanjut", blank=True)
    kegiatan = models.ForeignKey(
        KegiatanPengembangan,
        verbose_name="kegiatan IDP",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sesi",
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = SesiPembinaanQuerySet.as_manager()

    class Meta:
        verbose_name = "sesi coaching/mentoring"
        verbose_name_plural = "sesi coaching/mentoring"
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["pegawai", "tanggal"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pegawai.nama} ({self.tanggal:%d-%m-%Y})"

    def clean(self) -> None:
        errors = {}
        if self.pegawai_id and self.pegawai_id == self.pembina_id:
            errors["pembina"] = "Coach/mentor tidak boleh pegawai itu sendiri."
        if (
            self.tindak_lanjut_tanggal
            and self.tanggal
            and self.tindak_lanjut_tanggal < self.tanggal
        ):
            errors["tindak_lanjut_tanggal"] = "Tanggal tindak lanjut sebelum tanggal sesi."
        if errors:
            raise ValidationError(errors)


# --- Talent map ------------------------------------------------------------------------------


class PenilaianPotensi(models.Model):
    """A potensi score HR records for a year (uji potensi, assessment centre, ...)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penilaian_potensi")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    nilai = models.DecimalField(
        "nilai potensi (0–100)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    metode = models.CharField(
        "metode", max_length=100, help_text="Mis. uji potensi, assessment center."
    )
    catatan = models.TextField("catatan", blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "penilaian potensi"
        verbose_name_plural = "penilaian potensi"
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="potensi_pegawai_tahun_unik"),
            models.CheckConstraint(condition=Q(nilai__gte=0, nilai__lte=100), name="potensi_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} {self.tahun}: {self.nilai}"


LevelKinerja = models.TextChoices(
    "LevelKinerja", [(k, (k, v)) for k, v in rules.LEVEL_KINERJA.items()]
)
LevelPotensi = models.TextChoices(
    "LevelPotensi", [(k, (k, v)) for k, v in rules.LEVEL_POTENSI.items()]
)


class ProfilTalentaQuerySet(models.QuerySet["ProfilTalenta"]):
    def with_relasi(self) -> ProfilTalentaQuerySet:
        return self.select_related("pegawai", "unit_kerja")

    def talent_pool(self) -> ProfilTalentaQuerySet:
        return self.filter(kotak__in=rules.KOTAK_TALENT_POOL)


class ProfilTalenta(models.Model):
    """One employee's place on the talent map of a year; recomputed from the sources by
    `services.talenta_petakan` (annual predikat, competency assessments, HR's potensi)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="profil_talenta")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    predikat = models.CharField("predikat tahunan", max_length=16)
    kinerja = models.CharField("kinerja", max_length=8, choices=LevelKinerja)
    skor_potensi = models.DecimalField("skor potensi", max_digits=5, decimal_places=2)
    potensi = models.CharField("potensi", max_length=8, choices=LevelPotensi)
    kotak = models.PositiveSmallIntegerField(
        "kotak", validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    dihitung = models.DateTimeField("dihitung pada", auto_now=True)

    objects = ProfilTalentaQuerySet.as_manager()

    class Meta:
        verbose_name = "profil talenta"
        verbose_name_plural = "peta talenta (9 kotak)"
        ordering = ["-tahun", "-kotak", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="talenta_pegawai_tahun_unik"),
            models.CheckConstraint(
                condition=Q(kotak__gte=1, kotak__lte=9), name="talenta_kotak_1_9"
            ),
        ]
        indexes = [
            # Per box counts of a year, and the API list's keyset order (issue 17).
            models.Index(fields=["tahun", "kotak", "id"], name="talenta_urutan"),
            models.Index(fields=["unit_kerja", "tahun"]),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} {self.tahun}: kotak {self.kotak}"

    @property
    def rekomendasi(self) -> tuple[str, ...]:
        return rules.REKOMENDASI[self.kotak]


class JabatanKunci(models.Model):
    """A key position HR plans succession for."""

    jabatan = models.OneToOneField(Jabatan, on_delete=models.CASCADE, related_name="kunci")
    catatan = models.CharField("catatan", max_length=300, blank=True)

    class Meta:
        verbose_name = "jabatan kunci (suksesi)"
        verbose_name_plural = "jabatan kunci (suksesi)"
        ordering = ["-jabatan__kelas_jabatan", "jabatan__nama"]

    def __str__(self) -> str:
        return str(self.jabatan)


# --- Kenaikan pangkat worklist ---------------------------------------------------------------


class StatusUsulanKp(models.TextChoices):
    BELUM = "BELUM", "Belum diproses"
    DIPROSES = "DIPROSES", "Berkas diproses"
    DIUSULKAN = "DIUSULKAN", "Diusulkan ke BKN"
    SELESAI = "SELESAI", "SK terbit"
    DITUNDA = "DITUNDA", "Ditunda"


class UsulanKenaikanPangkat(models.Model):
    """HR's progress on one eligible employee for one period (a valid `YYYY-MM` period)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="usulan_kp")
    periode = models.CharField("periode", max_length=7)
    golongan_baru = models.CharField("golongan baru", max_length=6)
    status = models.CharField(
        "status", max_length=10, choices=StatusUsulanKp, default=StatusUsulanKp.BELUM
    )
    catatan = models.TextField("catatan", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "usulan kenaikan pangkat"
        verbose_name_plural = "usulan kenaikan pangkat"
        ordering = ["-periode", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "periode"], name="usulan_kp_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} {self.periode} → {self.golongan_baru}"

    def clean(self) -> None:
        try:
            pengaturan.periode_kp(self.periode)
        except rules.AturanError as exc:
            raise ValidationError({"periode": str(exc)}) from None


class KandidatKp(models.Model):
    """An active PNS the eligibility rule passed for a period when the kept set was last
    computed (`services.kandidat_kp_hitung`, every 10 minutes for the next two periods): the
    worklist page reads the set instead of evaluating the rule in SQL over every PNS of the
    scope. Each row shown is still judged by the rule itself; the set is read only while its
    stamp (`StempelKandidatKp`) is fresh (docs/PERFORMANCE.md)."""

    periode = models.CharField("periode", max_length=7)
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="kandidat_kp", db_index=False
    )

    class Meta:
        verbose_name = "kandidat kenaikan pangkat"
        verbose_name_plural = "kandidat kenaikan pangkat"
        constraints = [
            models.UniqueConstraint(fields=["periode", "pegawai"], name="kandidat_kp_unik")
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.pegawai_id}"


class StempelKandidatKp(models.Model):
    """When the kept set of a period was computed, and under which rule values (`sidik`, a
    digest of the options the rule was given): a set older than the bound, or computed under
    other values, is not read. Its row is also the lock that serialises two runs of a period."""

    periode = models.CharField("periode", max_length=7, unique=True)
    dihitung = models.DateTimeField("dihitung", null=True, blank=True)
    sidik = models.CharField("sidik aturan", max_length=64, blank=True)
    jumlah = models.PositiveIntegerField("jumlah layak", default=0)
    durasi_detik = models.FloatField("durasi (detik)", default=0)

    class Meta:
        verbose_name = "stempel kandidat kenaikan pangkat"
        verbose_name_plural = "stempel kandidat kenaikan pangkat"

    def __str__(self) -> str:
        return f"kandidat KP {self.periode} {self.dihitung}"
