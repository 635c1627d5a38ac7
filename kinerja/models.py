"""e-Kinerja: SKP with cascading RHK, daily reports, appraisals, distribution, rollups."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from pegawai.models import Pegawai, UnitKerja

from . import rules


class StatusSkp(models.TextChoices):
    DRAFT = "DRAFT", "Draf"
    DIAJUKAN = "DIAJUKAN", "Diajukan"
    DISETUJUI = "DISETUJUI", "Disetujui"
    DIKEMBALIKAN = "DIKEMBALIKAN", "Dikembalikan"


class Pendekatan(models.TextChoices):
    KUANTITATIF = "KUANTITATIF", "Kuantitatif"
    KUALITATIF = "KUALITATIF", "Kualitatif"


class JenisRhk(models.TextChoices):
    UTAMA = "UTAMA", "Utama"
    TAMBAHAN = "TAMBAHAN", "Tambahan"


class Aspek(models.TextChoices):
    KUANTITAS = "KUANTITAS", "Kuantitas"
    KUALITAS = "KUALITAS", "Kualitas"
    WAKTU = "WAKTU", "Waktu"


class Perspektif(models.TextChoices):
    PENERIMA_LAYANAN = "PENERIMA_LAYANAN", "Penerima Layanan"
    PROSES_BISNIS = "PROSES_BISNIS", "Proses Bisnis"
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL", "Penguatan Internal"
    ANGGARAN = "ANGGARAN", "Anggaran"


class Berakhlak(models.TextChoices):
    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN", "Berorientasi Pelayanan"
    AKUNTABEL = "AKUNTABEL", "Akuntabel"
    KOMPETEN = "KOMPETEN", "Kompeten"
    HARMONIS = "HARMONIS", "Harmonis"
    LOYAL = "LOYAL", "Loyal"
    ADAPTIF = "ADAPTIF", "Adaptif"
    KOLABORATIF = "KOLABORATIF", "Kolaboratif"


class StatusLaporan(models.TextChoices):
    DIAJUKAN = "DIAJUKAN", "Diajukan"
    DISETUJUI = "DISETUJUI", "Disetujui"
    DIKEMBALIKAN = "DIKEMBALIKAN", "Dikembalikan"


Rating = models.TextChoices("Rating", [(k, (k, v)) for k, v in rules.RATING.items()])
Predikat = models.TextChoices("Predikat", [(k, (k, v)) for k, v in rules.PREDIKAT.items()])
JenisPeriode = models.TextChoices(
    "JenisPeriode", [(k, (k, v)) for k, v in rules.JENIS_PERIODE.items()]
)
HasilOrganisasiPilihan = models.TextChoices(
    "HasilOrganisasiPilihan", [(k, (k, v)) for k, v in rules.HASIL_ORGANISASI.items()]
)


class Tanggapan(models.TextChoices):
    DITERIMA = "DITERIMA", "Diterima"
    KEBERATAN = "KEBERATAN", "Keberatan"


# --- Perjanjian kinerja (the unit's targets, entered by HR) ----------------------------------


class PerjanjianKinerja(models.Model):
    """One sasaran of a unit's perjanjian kinerja for a year; the unit head's RHK cascade here."""

    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    sasaran = models.CharField("sasaran strategis", max_length=500)
    indikator = models.CharField("indikator kinerja", max_length=500, blank=True)
    target = models.CharField("target", max_length=100, blank=True)

    class Meta:
        verbose_name = "perjanjian kinerja unit"
        verbose_name_plural = "perjanjian kinerja unit"
        ordering = ["unit_kerja", "-tahun", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun", "sasaran"], name="pk_unit_tahun_sasaran_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sasaran} ({self.tahun})"


# --- SKP, RHK, indikator, perilaku -------------------------------------------------------------


class SkpQuerySet(models.QuerySet["Skp"]):
    def with_relasi(self) -> SkpQuerySet:
        return self.select_related("pegawai", "penilai", "unit_kerja").prefetch_related(
            models.Prefetch(
                "rhk",
                queryset=Rhk.objects.select_related("rhk_atasan", "perjanjian_kinerja")
                .prefetch_related("indikator")
                .order_by("jenis", "urutan", "pk"),
            ),
            "ekspektasi",
        )


class Skp(models.Model):
    pegawai = models.ForeignKey(
        Pegawai, verbose_name="pegawai", on_delete=models.PROTECT, related_name="skp"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    # The direct supervisor when the SKP was drawn up: the pejabat penilai for that year.
    penilai = models.ForeignKey(
        Pegawai,
        verbose_name="pejabat penilai",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skp_dinilai",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="+"
    )
    pendekatan = models.CharField(
        "pendekatan", max_length=12, choices=Pendekatan, default=Pendekatan.KUANTITATIF
    )
    status = models.CharField(
        "status", max_length=12, choices=StatusSkp, default=StatusSkp.DRAFT, db_index=True
    )
    catatan = models.TextField("catatan penilai", blank=True)
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = SkpQuerySet.as_manager()

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="skp_pegawai_tahun_unik")
        ]
        indexes = [
            models.Index(fields=["penilai", "tahun"]),
            # The API list's keyset order, newest year first (issue 17).
            models.Index(fields=["tahun", "id"], name="skp_urutan"),
        ]

    def __str__(self) -> str:
        return f"SKP {self.tahun} – {self.pegawai.nama}"

    @property
    def bisa_diubah(self) -> bool:
        return self.status in {StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN}


class Rhk(models.Model):
    """Rencana Hasil Kerja; a staff RHK intervenes one RHK of the supervisor's SKP."""

    skp = models.ForeignKey(Skp, verbose_name="SKP", on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField("jenis", max_length=8, choices=JenisRhk, default=JenisRhk.UTAMA)
    uraian = models.CharField("uraian", max_length=500)
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name="RHK atasan yang diintervensi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="turunan",
    )
    perjanjian_kinerja = models.ForeignKey(
        PerjanjianKinerja,
        verbose_name="perjanjian kinerja unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rhk",
    )
    perspektif = models.CharField("perspektif (JPT)", max_length=20, choices=Perspektif, blank=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "rencana hasil kerja"
        verbose_name_plural = "rencana hasil kerja"
        ordering = ["skp", "jenis", "urutan", "pk"]

    def __str__(self) -> str:
        return self.uraian

    @property
    def tanpa_intervensi(self) -> bool:
        """A main RHK intervening nothing: only in a draft copied from last year whose
        intervention had no counterpart this year; the SKP cannot be submitted so."""
        return (
            self.jenis == JenisRhk.UTAMA
            and self.rhk_atasan_id is None
            and self.perjanjian_kinerja_id is None
        )

    def clean(self) -> None:
        if self.rhk_atasan_id and self.perjanjian_kinerja_id:
            raise ValidationError(
                {"rhk_atasan": "Pilih salah satu: RHK atasan atau perjanjian kinerja unit."}
            )
        skp = self.skp
        if self.rhk_atasan_id:
            induk = self.rhk_atasan
            if induk.skp.pegawai_id != skp.penilai_id or induk.skp.tahun != skp.tahun:
                raise ValidationError(
                    {
                        "rhk_atasan": "RHK yang diintervensi harus dari SKP atasan langsung "
                        f"(pejabat penilai) tahun {skp.tahun}."
                    }
                )
        elif self.perjanjian_kinerja_id:
            pk = self.perjanjian_kinerja
            if pk.tahun != skp.tahun or not skp.unit_kerja.path.startswith(pk.unit_kerja.path):
                raise ValidationError(
                    {
                        "perjanjian_kinerja": "Perjanjian kinerja harus milik unit kerja "
                        f"pegawai (atau unit induknya) untuk tahun {skp.tahun}."
                    }
                )
        elif self.jenis == JenisRhk.UTAMA:
            raise ValidationError(
                {
                    "rhk_atasan": "RHK utama harus mengintervensi satu RHK atasan "
                    "(atau perjanjian kinerja unit bagi pimpinan unit)."
                }
            )


class IndikatorKinerja(models.Model):
    rhk = models.ForeignKey(
        Rhk, verbose_name="RHK", on_delete=models.CASCADE, related_name="indikator"
    )
    aspek = models.CharField("aspek", max_length=10, choices=Aspek, default=Aspek.KUANTITAS)
    uraian = models.CharField("indikator", max_length=500)
    target = models.DecimalField("target", max_digits=12, decimal_places=2)
    satuan = models.CharField("satuan", max_length=50)

    class Meta:
        verbose_name = "indikator kinerja individu"
        verbose_name_plural = "indikator kinerja individu"
        ordering = ["rhk", "aspek", "pk"]

    def __str__(self) -> str:
        return f"{self.uraian}: {self.target:g} {self.satuan}"


class EkspektasiPerilaku(models.Model):
    """A BerAKHLAK core value with the supervisor's specific expectation for this SKP."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="ekspektasi")
    nilai = models.CharField("nilai BerAKHLAK", max_length=24, choices=Berakhlak)
    ekspektasi = models.TextField("ekspektasi khusus pimpinan", blank=True)

    class Meta:
        verbose_name = "ekspektasi perilaku"
        verbose_name_plural = "ekspektasi perilaku"
        ordering = ["skp", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "nilai"], name="ekspektasi_skp_nilai_unik")
        ]

    def __str__(self) -> str:
        return self.get_nilai_display()


# --- Daily reports ------------------------------------------------------------------------------


class LaporanQuerySet(models.QuerySet["LaporanHarian"]):
    def with_relasi(self) -> LaporanQuerySet:
        return self.select_related("pegawai", "rhk")


def _lokasi_bukti(instance: LaporanHarian, filename: str) -> str:
    return f"kinerja/bukti/{instance.tanggal:%Y/%m}/{instance.pegawai_id}/{filename}"


class LaporanHarian(models.Model):
    # No single-column index on pegawai or rhk: (pegawai, tanggal) and (rhk, tanggal) below
    # serve every lookup by either, and each index costs every filed report a write.
    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name="pegawai",
        on_delete=models.PROTECT,
        related_name="laporan_harian",
        db_index=False,
    )
    rhk = models.ForeignKey(
        Rhk,
        verbose_name="RHK",
        on_delete=models.PROTECT,
        related_name="laporan_harian",
        db_index=False,
    )
    # The indicator of the RHK this report counts toward; its satuan is the report's satuan.
    # Empty ("tanpa indikator"): reports from before indicators were chosen that could not be
    # matched, and API reports whose satuan matches no indicator; they count toward nothing.
    indikator = models.ForeignKey(
        "IndikatorKinerja",
        verbose_name="indikator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="laporan_harian",
        db_index=False,
    )
    tanggal = models.DateField("tanggal")
    uraian = models.TextField("uraian kegiatan", max_length=2000)
    kuantitas = models.DecimalField("kuantitas output", max_digits=10, decimal_places=2)
    satuan = models.CharField("satuan output", max_length=50)
    jam_mulai = models.TimeField("jam mulai")
    jam_selesai = models.TimeField("jam selesai")
    # Derived from the times on save so rollups only SUM a column.
    menit = models.PositiveSmallIntegerField("durasi (menit)", default=0, editable=False)
    bukti = models.FileField("bukti dukung", upload_to=_lokasi_bukti, blank=True, max_length=300)
    status = models.CharField(
        "status", max_length=12, choices=StatusLaporan, default=StatusLaporan.DIAJUKAN
    )
    catatan_atasan = models.TextField("catatan atasan", blank=True)
    diputuskan_oleh = models.ForeignKey(
        Pegawai,
        verbose_name="diputuskan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diputuskan_pada = models.DateTimeField("diputuskan pada", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = LaporanQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan harian"
        verbose_name_plural = "laporan harian"
        ordering = ["-tanggal", "-jam_mulai", "-pk"]
        indexes = [
            # Own reports by date, overlap checks, per-employee rollups.
            models.Index(fields=["pegawai", "tanggal"], name="laporan_pegawai_tanggal"),
            # The API list's keyset order (newest first, read backward; issue 17), and the
            # date range every monthly rollup over all employees scans (its leading column).
            models.Index(fields=["tanggal", "jam_mulai", "id"], name="laporan_urutan"),
            # The supervisor queue: only waiting reports are indexed.
            models.Index(
                fields=["pegawai", "tanggal"],
                condition=Q(status="DIAJUKAN"),
                name="laporan_antrian",
            ),
            models.Index(fields=["rhk", "tanggal"], name="laporan_rhk_tanggal"),
            # Progress per indicator.
            models.Index(fields=["indikator", "tanggal"], name="laporan_indikator_tanggal"),
            # The incremental rollup (rekap_bulan_segarkan): reports changed since the last
            # refresh. `diubah` only grows, so new entries land at the index's right edge.
            models.Index(fields=["diubah"], name="laporan_diubah"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_selesai__gt=models.F("jam_mulai")), name="laporan_jam_urut"
            ),
            models.CheckConstraint(condition=Q(kuantitas__gt=0), name="laporan_kuantitas_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.jam_mulai:%H:%M}–{self.jam_selesai:%H:%M}"

    @property
    def terkunci(self) -> bool:
        return self.status == StatusLaporan.DISETUJUI

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.kuantitas is not None and self.kuantitas <= 0:
            errors.setdefault("kuantitas", []).append("Kuantitas output harus lebih dari 0.")
        if self.jam_mulai and self.jam_selesai:
            if self.jam_selesai <= self.jam_mulai:
                errors.setdefault("jam_selesai", []).append("Jam selesai harus setelah jam mulai.")
            else:
                self.menit = rules.menit_antara(self.jam_mulai, self.jam_selesai)
        if errors:
            raise ValidationError(errors)


# --- Appraisal ----------------------------------------------------------------------------------


class PenilaianQuerySet(models.QuerySet["Penilaian"]):
    def with_relasi(self) -> PenilaianQuerySet:
        return self.select_related("pegawai", "penilai", "unit_kerja")


class Penilaian(models.Model):
    pegawai = models.ForeignKey(
        Pegawai, verbose_name="pegawai", on_delete=models.PROTECT, related_name="penilaian"
    )
    skp = models.ForeignKey(Skp, verbose_name="SKP", on_delete=models.PROTECT, related_name="+")
    penilai = models.ForeignKey(
        Pegawai, verbose_name="pejabat penilai", on_delete=models.PROTECT, related_name="+"
    )
    # The unit at the time of the appraisal: the distribution check counts it there.
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="+"
    )
    periode = models.CharField("periode", max_length=7)
    jenis_periode = models.CharField("jenis periode", max_length=10, choices=JenisPeriode)
    tahun = models.PositiveSmallIntegerField("tahun")
    tanggal_akhir = models.DateField("akhir periode")
    rating_hasil_kerja = models.CharField("rating hasil kerja", max_length=8, choices=Rating)
    rating_perilaku = models.CharField("rating perilaku", max_length=8, choices=Rating)
    predikat = models.CharField("predikat kinerja", max_length=16, choices=Predikat)
    umpan_balik = models.TextField("umpan balik")
    # {"AKUNTABEL": "catatan", ...}: the supervisor's note per BerAKHLAK value.
    catatan_perilaku = models.JSONField("catatan perilaku", default=dict, blank=True)
    tanggapan = models.CharField(
        "tanggapan pegawai", max_length=10, choices=Tanggapan, blank=True, db_index=True
    )
    alasan_keberatan = models.TextField("alasan keberatan", blank=True)
    ditanggapi_pada = models.DateTimeField("ditanggapi pada", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = PenilaianQuerySet.as_manager()

    class Meta:
        verbose_name = "penilaian kinerja"
        verbose_name_plural = "penilaian kinerja"
        ordering = ["-tanggal_akhir", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "periode"], name="penilaian_pegawai_periode_unik"
            )
        ]
        indexes = [
            models.Index(fields=["unit_kerja", "jenis_periode", "tahun"]),
            # The API list's keyset order, newest period first (issue 17).
            models.Index(fields=["tanggal_akhir", "id"], name="penilaian_urutan"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} {self.periode}: {self.get_predikat_display()}"

    @property
    def nama_periode(self) -> str:
        return rules.parse_periode(self.periode).nama


class RevisiPenilaian(models.Model):
    """One correction of an appraisal by its supervisor: who, when, why, and the appraisal as
    it was before (ratings, predikat, feedback, behaviour notes, realisations)."""

    penilaian = models.ForeignKey(
        Penilaian, verbose_name="penilaian", on_delete=models.CASCADE, related_name="revisi"
    )
    oleh = models.ForeignKey(
        Pegawai, verbose_name="diubah oleh", on_delete=models.PROTECT, related_name="+"
    )
    pada = models.DateTimeField("diubah pada", auto_now_add=True)
    alasan = models.TextField("alasan perubahan")
    sebelum = models.JSONField("isi sebelum perubahan", default=dict)

    class Meta:
        verbose_name = "revisi penilaian"
        verbose_name_plural = "revisi penilaian"
        ordering = ["penilaian", "-pada", "-pk"]

    def __str__(self) -> str:
        return f"Revisi {self.penilaian_id} {self.pada:%d-%m-%Y %H:%M}"


class RealisasiRhk(models.Model):
    penilaian = models.ForeignKey(Penilaian, on_delete=models.CASCADE, related_name="realisasi")
    rhk = models.ForeignKey(Rhk, verbose_name="RHK", on_delete=models.PROTECT, related_name="+")
    dari_laporan = models.DecimalField(
        "jumlah dari laporan disetujui", max_digits=12, decimal_places=2, default=0
    )
    realisasi = models.DecimalField("realisasi", max_digits=12, decimal_places=2)
    alasan = models.TextField("alasan perubahan", blank=True)

    class Meta:
        verbose_name = "realisasi RHK"
        verbose_name_plural = "realisasi RHK"
        ordering = ["penilaian", "rhk__jenis", "rhk__urutan", "rhk"]
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "rhk"], name="realisasi_rhk_unik")
        ]

    def __str__(self) -> str:
        return f"{self.rhk}: {self.realisasi:g}"


class JenisSurel(models.TextChoices):
    LAPORAN_DIKEMBALIKAN = "LAPORAN_DIKEMBALIKAN", "Ringkasan laporan dikembalikan"


class SurelTerkirim(models.Model):
    """One digest mail sent to one employee on one day: the unique row is the claim that
    keeps it at most one a day, whatever how many tasks were queued."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+", db_index=False)
    jenis = models.CharField("jenis", max_length=24, choices=JenisSurel)
    tanggal = models.DateField("tanggal")
    dikirim = models.DateTimeField("dikirim", auto_now_add=True)

    class Meta:
        verbose_name = "surel terkirim"
        verbose_name_plural = "surel terkirim"
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "jenis", "tanggal"], name="surel_pegawai_jenis_tanggal_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pegawai_id} {self.tanggal}"


# --- Distribution check ---------------------------------------------------------------------


class HasilOrganisasi(models.Model):
    """A unit's own organisational result for a year (entered by HR)."""

    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    hasil = models.CharField(
        "hasil kinerja organisasi", max_length=16, choices=HasilOrganisasiPilihan
    )

    class Meta:
        verbose_name = "hasil kinerja organisasi"
        verbose_name_plural = "hasil kinerja organisasi"
        ordering = ["-tahun", "unit_kerja__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun"], name="hasil_org_unit_tahun_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.tahun}: {self.get_hasil_display()}"


# --- Rollups (written only by kinerja.services.rekap_*) --------------------------------------


# The unique (key, bulan) constraints lead with the foreign key: no separate index on it.


class RekapPegawaiBulanan(models.Model):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+", db_index=False)
    bulan = models.DateField("bulan")  # first day of the month
    jumlah_laporan = models.PositiveIntegerField("laporan", default=0)
    laporan_disetujui = models.PositiveIntegerField("disetujui", default=0)
    laporan_dikembalikan = models.PositiveIntegerField("dikembalikan", default=0)
    total_menit = models.PositiveIntegerField("total menit", default=0)
    hari_lapor = models.PositiveSmallIntegerField("hari melapor", default=0)

    class Meta:
        verbose_name = "rekap bulanan pegawai"
        verbose_name_plural = "rekap bulanan pegawai"
        ordering = ["-bulan", "pegawai"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "bulan"], name="rekap_pegawai_bulan_unik")
        ]
        indexes = [models.Index(fields=["bulan"], name="rekap_pegawai_bulan")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.bulan:%Y-%m}"


class RekapRhkBulanan(models.Model):
    """Progress of one indicator of an RHK in a month: the reports counted toward it (their
    satuan is the indicator's). Reports without an indicator ("tanpa indikator") get a row of
    their own with indikator empty: counted as reports, but their kuantitas is never anyone's
    realisation (kuantitas_disetujui 0), since their satuan matches no indicator."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="+", db_index=False)
    indikator = models.ForeignKey(
        IndikatorKinerja,
        verbose_name="indikator",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    # The RHK's owner, stored for per-employee reads; (pegawai, bulan) below indexes it.
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+", db_index=False)
    bulan = models.DateField("bulan")
    jumlah_laporan = models.PositiveIntegerField("laporan", default=0)
    laporan_disetujui = models.PositiveIntegerField("disetujui", default=0)
    kuantitas_disetujui = models.DecimalField(
        "kuantitas disetujui", max_digits=14, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = "rekap bulanan RHK"
        verbose_name_plural = "rekap bulanan RHK"
        constraints = [
            # One "tanpa indikator" row per RHK and month: NULL equals NULL here.
            models.UniqueConstraint(
                fields=["rhk", "indikator", "bulan"],
                name="rekap_rhk_indikator_bulan_unik",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["pegawai", "bulan"], name="rekap_rhk_pegawai_bulan")]

    def __str__(self) -> str:
        return f"RHK {self.rhk_id} indikator {self.indikator_id or '-'} {self.bulan:%Y-%m}"


class RekapUnitBulanan(models.Model):
    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    bulan = models.DateField("bulan")
    jumlah_pegawai = models.PositiveIntegerField("pegawai aktif", default=0)
    pegawai_melapor = models.PositiveIntegerField("pegawai melapor", default=0)
    jumlah_laporan = models.PositiveIntegerField("laporan", default=0)
    laporan_disetujui = models.PositiveIntegerField("disetujui", default=0)
    laporan_dikembalikan = models.PositiveIntegerField("dikembalikan", default=0)
    total_menit = models.PositiveIntegerField("total menit", default=0)
    hari_lapor = models.PositiveIntegerField("hari melapor (jumlah)", default=0)
    # Appraisals whose period ends in this month, by predikat.
    sangat_baik = models.PositiveIntegerField("Sangat Baik", default=0)
    baik = models.PositiveIntegerField("Baik", default=0)
    butuh_perbaikan = models.PositiveIntegerField("Butuh Perbaikan", default=0)
    kurang = models.PositiveIntegerField("Kurang", default=0)
    sangat_kurang = models.PositiveIntegerField("Sangat Kurang", default=0)

    class Meta:
        verbose_name = "rekap bulanan unit"
        verbose_name_plural = "rekap bulanan unit"
        ordering = ["-bulan", "unit_kerja__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "bulan"], name="rekap_unit_bulan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.bulan:%Y-%m}"

    @property
    def persen_melapor(self) -> float:
        return (
            round(100 * self.pegawai_melapor / self.jumlah_pegawai, 1)
            if self.jumlah_pegawai
            else 0.0
        )


class StempelRekap(models.Model):
    """When the rollup of a month was last brought up to date, and from when the next
    incremental refresh looks for changed reports (docs/PERFORMANCE.md, issue 15 item 11).
    Its row is also the lock that serialises the runs (full or incremental) of a month."""

    bulan = models.DateField("bulan", unique=True)
    # Every report changed before this moment (less the overlap) is in the rollup; empty
    # until a run finishes: the next refresh then recomputes the whole month.
    diperbarui = models.DateTimeField("diperbarui", null=True, blank=True)
    penuh_pada = models.DateTimeField("rekap penuh terakhir", null=True, blank=True)

    class Meta:
        verbose_name = "stempel rekap"
        verbose_name_plural = "stempel rekap"

    def __str__(self) -> str:
        return f"{self.bulan:%Y-%m} {self.diperbarui}"


class RekapTertunda(models.Model):
    """An employee's month whose rollup must be recomputed although no report of it has a
    newer `diubah`: a report deleted, an indicator deleted (its reports lose it). Written by
    signal receivers (kinerja.sinyal_rekap), consumed by the next refresh of that month."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+", db_index=False)
    bulan = models.DateField("bulan")

    class Meta:
        verbose_name = "rekap tertunda"
        verbose_name_plural = "rekap tertunda"
        constraints = [
            models.UniqueConstraint(fields=["bulan", "pegawai"], name="rekap_tertunda_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.bulan:%Y-%m}"


# --- Angka kredit (PermenPANRB 1/2023) -------------------------------------------------------


class JenisAngkaKredit(models.TextChoices):
    KONVERSI = "KONVERSI", "Konversi predikat tahunan"
    PENYESUAIAN = "PENYESUAIAN", "Penyesuaian HR (AK integrasi, PAK terakhir, koreksi)"


class AngkaKreditQuerySet(models.QuerySet["AngkaKredit"]):
    def with_relasi(self) -> AngkaKreditQuerySet:
        return self.select_related("pegawai", "pegawai__unit_kerja")


class AngkaKredit(models.Model):
    """One row of an employee's cumulative angka kredit ledger: the conversion of an annual
    predikat (written by `kinerja.angka_kredit` whenever the annual appraisal is saved) or an
    adjustment HR enters in the admin."""

    pegawai = models.ForeignKey(
        Pegawai, verbose_name="pegawai", on_delete=models.PROTECT, related_name="angka_kredit"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField(
        "jenis", max_length=12, choices=JenisAngkaKredit, default=JenisAngkaKredit.PENYESUAIAN
    )
    penilaian = models.OneToOneField(
        Penilaian, verbose_name="penilaian tahunan", null=True, blank=True,
        on_delete=models.CASCADE, related_name="angka_kredit", editable=False,
    )  # fmt: skip
    jenjang = models.CharField("jenjang fungsional", max_length=15)
    golongan = models.CharField("golongan", max_length=6, blank=True)
    predikat = models.CharField("predikat", max_length=16, choices=Predikat, blank=True)
    koefisien = models.DecimalField(
        "koefisien", max_digits=6, decimal_places=2, null=True, blank=True
    )
    persentase = models.DecimalField(
        "persentase", max_digits=5, decimal_places=2, null=True, blank=True
    )
    nilai = models.DecimalField("angka kredit", max_digits=10, decimal_places=4)
    dasar_aturan = models.CharField("dasar aturan", max_length=300, blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    # The penetapan angka kredit (PAK) that makes the value official; once both are filled the
    # row is sent to SIASN (angkakredit/save), and again after every later change.
    nomor_pak = models.CharField(
        "nomor PAK", max_length=100, blank=True,
        help_text="Nomor penetapan angka kredit. Setelah diisi, angka kredit dikirim ke SIASN.",
    )  # fmt: skip
    tanggal_pak = models.DateField("tanggal PAK", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = AngkaKreditQuerySet.as_manager()

    class Meta:
        verbose_name = "angka kredit"
        verbose_name_plural = "angka kredit"
        ordering = ["pegawai__nama", "tahun", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun"],
                condition=Q(jenis="KONVERSI"),
                name="angka_kredit_konversi_satu_per_tahun",
            )
        ]
        indexes = [models.Index(fields=["pegawai", "tahun"])]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} {self.tahun}: {self.nilai:g}"

    @property
    def ditetapkan(self) -> bool:
        """True once the PAK that makes the value official is recorded."""
        return bool(self.nomor_pak.strip()) and self.tanggal_pak is not None

    def clean(self) -> None:
        self.nomor_pak = (self.nomor_pak or "").strip()
        if self.nomor_pak and self.tanggal_pak is None:
            raise ValidationError({"tanggal_pak": "Isi tanggal PAK bersama nomornya."})
        if self.tanggal_pak is not None and not self.nomor_pak:
            raise ValidationError({"nomor_pak": "Isi nomor PAK bersama tanggalnya."})
        if self.jenis == JenisAngkaKredit.PENYESUAIAN and not (self.keterangan or "").strip():
            raise ValidationError(
                {"keterangan": "Tuliskan dasar penyesuaian (mis. nomor PAK atau AK integrasi)."}
            )
