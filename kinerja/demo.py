"""Demo data for e-kinerja (API.md "Demo data"): call `isi_demo()` from seed_demo after the
demo pegawai exist. Idempotent: every row is looked up by its natural key first."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from inti import waktu
from pegawai.models import Pegawai, UnitKerja

from . import pengaturan, rules, services
from .models import (
    Berakhlak,
    EkspektasiPerilaku,
    HasilOrganisasi,
    IndikatorKinerja,
    LaporanHarian,
    Penilaian,
    PerjanjianKinerja,
    RealisasiRhk,
    Rhk,
    Skp,
    StatusLaporan,
    StatusSkp,
    Tanggapan,
)

# NIP of the supervisor -> (their RHK, the unit's sasaran), then their staff -> staff RHK.
DEMO = {
    "198001012005011001": (
        "Menurunnya angka kesakitan penyakit menular di Provinsi Lampung",
        "Meningkatnya derajat kesehatan masyarakat",
        {
            "199002022015022001": "Tersedianya laporan surveilans epidemiologi mingguan",
            "199103032016031002": "Tersedianya data kasus penyakit menular yang mutakhir",
        },
    ),
    "197507072000031004": (
        "Meningkatnya pelestarian cagar budaya daerah",
        "Meningkatnya kualitas pendidikan dan kebudayaan",
        {"198505052010011003": "Terinventarisasinya objek pemajuan kebudayaan"},
    ),
}

# The demo accounts' staff: this year's annual appraisal comes from karier.demo.
STAF_DEMO = frozenset(nip for *_, staf in DEMO.values() for nip in staf)

KEGIATAN = [
    ("Mengolah data mingguan dan menyusun laporan", time(8, 0), time(10, 0)),
    ("Rapat koordinasi tim", time(10, 30), time(11, 30)),
    ("Verifikasi data lapangan", time(13, 0), time(15, 0)),
]


def _opd(unit: UnitKerja) -> UnitKerja:
    kode = unit.path.strip("/").split("/")[0]
    return UnitKerja.objects.get(kode=kode)


def _skp(pegawai: Pegawai, tahun: int) -> Skp:
    skp, _ = Skp.objects.get_or_create(
        pegawai=pegawai,
        tahun=tahun,
        defaults={
            "penilai": services.atasan_penilai(pegawai),
            "unit_kerja": pegawai.unit_kerja,
            "status": StatusSkp.DISETUJUI,
            "disetujui_pada": timezone.now(),
        },
    )
    return skp


def _rhk(skp: Skp, uraian: str, **induk) -> Rhk:
    rhk = Rhk.objects.filter(skp=skp, uraian=uraian).first()
    if rhk is None:
        rhk = Rhk(skp=skp, uraian=uraian, jenis="UTAMA", urutan=1, **induk)
        rhk.full_clean()
        rhk.save()
    IndikatorKinerja.objects.get_or_create(
        rhk=rhk,
        aspek="KUANTITAS",
        defaults={
            "uraian": f"Jumlah keluaran: {uraian.lower()}",
            "target": 12,
            "satuan": "laporan",
        },
    )
    services.ekspektasi_simpan(skp=skp, ekspektasi={})
    return rhk


@transaction.atomic
def isi_demo() -> int:
    """Approved SKP for this year for each demo account, cascading; then the activity of the
    demo units (`isi_aktivitas`). Returns the number of SKP touched."""
    hari_ini = waktu.hari_ini()
    tahun = hari_ini.year
    pegawai = {p.nip: p for p in Pegawai.objects.select_related("unit_kerja", "atasan")}
    jumlah = 0
    for nip_atasan, (uraian_atasan, sasaran, staf) in DEMO.items():
        atasan = pegawai.get(nip_atasan)
        if atasan is None:
            continue
        pk, _ = PerjanjianKinerja.objects.get_or_create(
            unit_kerja=_opd(atasan.unit_kerja),
            tahun=tahun,
            sasaran=sasaran,
            defaults={"indikator": "Indeks capaian sasaran", "target": "100%"},
        )
        rhk_atasan = _rhk(_skp(atasan, tahun), uraian_atasan, perjanjian_kinerja=pk)
        jumlah += 1
        for nip, uraian in staf.items():
            p = pegawai.get(nip)
            if p is None:
                continue
            _rhk(_skp(p, tahun), uraian, rhk_atasan=rhk_atasan)
            jumlah += 1
    isi_aktivitas(hari_ini)
    return jumlah


# --- The activity of the demo units: several weeks of reports, appraisals, rollups ---------------

# OPD (root units) whose employees file daily reports; every active employee gets SKP and
# appraisals so any unit HR picks shows a spread.
OPD_DEMO = ("DISKES", "DISDIKBUD")
MINGGU_LAPORAN = 6
# Activities by the kind of work the position name suggests (first match wins).
KEGIATAN_BIDANG = [
    (("dokter",), [
        "Pelayanan dan pemeriksaan pasien rujukan",
        "Supervisi fasilitas pelayanan kesehatan",
        "Menyusun telaah kasus klinis untuk rapat tim",
    ]),
    (("epidemiolog",), [
        "Analisis data surveilans mingguan penyakit menular",
        "Penyelidikan epidemiologi kasus DBD",
        "Menyusun buletin kewaspadaan dini",
    ]),
    (("guru", "pengawas sekolah"), [
        "Menyusun modul ajar dan asesmen",
        "Pendampingan implementasi Kurikulum Merdeka",
        "Supervisi akademik satuan pendidikan",
    ]),
    (("pamong budaya",), [
        "Inventarisasi objek pemajuan kebudayaan",
        "Verifikasi usulan cagar budaya",
        "Menyusun kajian pelestarian tradisi lisan",
    ]),
    (("data", "informasi", "teknologi"), [
        "Pemutakhiran basis data dan validasi entri",
        "Menyusun rekapitulasi data bulanan",
        "Pemeliharaan aplikasi dan jaringan kantor",
    ]),
    (("kepala",), [
        "Memimpin rapat koordinasi bidang",
        "Menelaah dan mendisposisi surat masuk",
        "Monitoring capaian kinerja program",
    ]),
    ((), [
        "Mengagendakan dan mengarsipkan surat dinas",
        "Menyiapkan bahan rapat dan notulen",
        "Melayani permohonan administrasi pegawai",
    ]),
]  # fmt: skip
CATATAN_KEMBALI = [
    "Uraian terlalu umum: sebutkan nama kegiatan, lokasi dan hasilnya.",
    "Kuantitas output tidak sesuai bukti dukung; mohon diperbaiki.",
    "Lampirkan bukti dukung (notulen atau daftar hadir).",
    "Jam kegiatan bertepatan dengan rapat pimpinan; mohon dicek kembali.",
]
ALASAN_REALISASI = "Capaian menurut dokumen kinerja unit (data demo, sebelum laporan harian)."
TARGET_TAHUNAN = 220  # kegiatan per year: about one a working day
# Share (in 20ths) of appraisals per predikat, and a pair of ratings giving each.
SEBARAN = [
    (4, rules.SANGAT_BAIK), (12, rules.BAIK), (3, rules.BUTUH_PERBAIKAN), (1, rules.KURANG),
]  # fmt: skip
RATING_UNTUK = {
    rules.SANGAT_BAIK: [("DI_ATAS", "DI_ATAS")],
    rules.BAIK: [("SESUAI", "SESUAI"), ("DI_ATAS", "SESUAI"), ("SESUAI", "DI_ATAS")],
    rules.BUTUH_PERBAIKAN: [("DI_BAWAH", "SESUAI")],
    rules.KURANG: [("SESUAI", "DI_BAWAH")],
}


def _hash(*bagian: object) -> int:
    return int(hashlib.sha1(":".join(map(str, bagian)).encode()).hexdigest()[:8], 16)


def _waktu(tanggal: date, jam: int, menit: int = 0) -> datetime:
    """That moment, or now if it has not come yet (a seed run early in the morning)."""
    return min(timezone.make_aware(datetime.combine(tanggal, time(jam, menit))), timezone.now())


def _hari_kerja_berikut(tanggal: date) -> date:
    tanggal += timedelta(days=1)
    while tanggal.weekday() >= 5:
        tanggal += timedelta(days=1)
    return tanggal


def _kedalaman(p: Pegawai, atasan: dict[int, int | None]) -> int:
    n, cur, seen = 0, atasan.get(p.pk), set()
    while cur is not None and cur not in seen:
        seen.add(cur)
        n += 1
        cur = atasan.get(cur)
    return n


def _skp_massal(semua: list[Pegawai], tahun: int, opd: dict[str, UnitKerja]) -> int:
    """An SKP for the year with one cascaded RHK (and its indicator) for each employee
    without one, in bulk, level by level down the supervisor tree: a staff RHK intervenes the
    supervisor's (pejabat penilai's) RHK of the same year; a unit head without a supervisor
    cascades the OPD's perjanjian kinerja (the rules of `Rhk.clean`). Approved, with the seven
    BerAKHLAK values, when there is a pejabat penilai; a draft otherwise (nobody in the data
    could approve it, as `skp_ajukan` says). Existing SKP (the demo accounts') are kept."""
    ada = set(Skp.objects.filter(tahun=tahun).values_list("pegawai_id", flat=True))
    baru = [
        Skp(
            pegawai=p,
            tahun=tahun,
            penilai_id=p.atasan_id,  # services.atasan_penilai: the direct supervisor
            unit_kerja_id=p.unit_kerja_id,
            status=StatusSkp.DISETUJUI if p.atasan_id else StatusSkp.DRAFT,
            diajukan_pada=_waktu(date(tahun, 1, 10), 9) if p.atasan_id else None,
            disetujui_pada=_waktu(date(tahun, 1, 17), 10) if p.atasan_id else None,
        )
        for p in semua
        if p.pk not in ada
    ]
    Skp.objects.bulk_create(baru, batch_size=500)
    skp = {s.pegawai_id: s for s in Skp.objects.filter(tahun=tahun)}
    rhk_utama = {
        r.skp.pegawai_id: r
        for r in Rhk.objects.filter(skp__tahun=tahun, jenis="UTAMA")
        .select_related("skp")
        .order_by("-urutan", "-pk")
    }
    pk_opd = {}
    for kode, unit in opd.items():
        pk_opd[kode], _ = PerjanjianKinerja.objects.get_or_create(
            unit_kerja=unit,
            tahun=tahun,
            sasaran=f"Meningkatnya kinerja pelayanan {unit.nama}",
            defaults={"indikator": "Indeks kepuasan masyarakat", "target": "80"},
        )
    sisa = [p for p in semua if p.pk in skp and p.pk not in rhk_utama]
    while sisa:
        # This level: employees whose supervisor already has an RHK (or who have none).
        siap = [p for p in sisa if p.atasan_id is None or p.atasan_id in rhk_utama]
        if not siap:
            break  # a supervisor without an approved SKP: their staff get none either
        rhk = []
        for p in siap:
            induk = rhk_utama.get(p.atasan_id)
            if induk is not None:
                uraian = f"Terlaksananya tugas {p.nama_jabatan or 'jabatan'} yang mendukung: "
                uraian += induk.uraian[0].lower() + induk.uraian[1:]
                kaitan = {"rhk_atasan": induk}
            else:
                uraian = f"Tercapainya sasaran kinerja {p.unit_kerja.nama}"
                kaitan = {"perjanjian_kinerja": pk_opd[_kode_opd(p)]}
            rhk.append(Rhk(skp=skp[p.pk], uraian=uraian[:500], jenis="UTAMA", urutan=1, **kaitan))
        Rhk.objects.bulk_create(rhk, batch_size=500)
        if rhk[0].pk is None:  # no RETURNING: read the new rows back
            rhk = list(Rhk.objects.filter(skp__in=[r.skp for r in rhk]).select_related("skp"))
        for r in rhk:
            r.skp = skp[r.skp.pegawai_id]
            rhk_utama[r.skp.pegawai_id] = r
        IndikatorKinerja.objects.bulk_create(
            [
                IndikatorKinerja(
                    rhk=r,
                    aspek="KUANTITAS",
                    uraian="Jumlah kegiatan yang diselesaikan",
                    target=TARGET_TAHUNAN,
                    satuan="kegiatan",
                )
                for r in rhk
            ],
            batch_size=500,
        )
        siap_ids = {p.pk for p in siap}
        sisa = [p for p in sisa if p.pk not in siap_ids]
    EkspektasiPerilaku.objects.bulk_create(
        [
            EkspektasiPerilaku(skp=s, nilai=n)
            for s in baru
            if s.status == StatusSkp.DISETUJUI
            for n in Berakhlak.values
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(baru)


def _kode_opd(p: Pegawai) -> str:
    return p.unit_kerja.path.strip("/").split("/")[0]


def _hari_kerja(akhir: date, minggu: int) -> list[date]:
    mulai = akhir - timedelta(weeks=minggu)
    return [
        mulai + timedelta(days=i)
        for i in range((akhir - mulai).days + 1)
        if (mulai + timedelta(days=i)).weekday() < 5
    ]


def _kegiatan(p: Pegawai) -> list[str]:
    jabatan = (p.nama_jabatan or "").lower()
    for kata, daftar in KEGIATAN_BIDANG:
        if not kata or any(k in jabatan for k in kata):
            return daftar
    return KEGIATAN_BIDANG[-1][1]


def _laporan_demo(pegawai: list[Pegawai], hari_ini: date) -> int:
    """Working days of the last weeks for employees with a supervisor: filed on the day,
    older ones mostly decided (approved, some returned with a note), recent ones waiting.
    Days that already hold a report are left alone (idempotent)."""
    hari = _hari_kerja(hari_ini, MINGGU_LAPORAN)
    ids = [p.pk for p in pegawai]
    ada = set(
        LaporanHarian.objects.filter(pegawai_id__in=ids, tanggal__gte=hari[0])
        .values_list("pegawai_id", "tanggal")
        .distinct()
    )
    rhk = {
        (r.skp.pegawai_id, r.skp.tahun): r
        for r in Rhk.objects.filter(
            skp__pegawai_id__in=ids, skp__status=StatusSkp.DISETUJUI, jenis="UTAMA"
        )
        .select_related("skp")
        .prefetch_related("indikator")
        .order_by("-urutan", "-pk")
    }
    # Each report counts toward its RHK's first indicator, in that indicator's satuan.
    indikator = {
        k: min(r.indikator.all(), key=lambda i: i.pk, default=None) for k, r in rhk.items()
    }
    baru = []
    for p in pegawai:
        rajin = 55 + _hash(p.nip, "rajin") % 46  # 55–100 % of the working days
        kegiatan = _kegiatan(p)
        for umur, tanggal in enumerate(reversed(hari)):
            if (p.pk, tanggal) in ada or (p.pk, tanggal.year) not in rhk:
                continue
            if umur and _hash(p.nip, tanggal) % 100 >= rajin:
                continue  # no report that day
            jumlah = 1 + _hash(p.nip, tanggal, "n") % 3
            for i, (uraian_umum, mulai, selesai) in enumerate(KEGIATAN[:jumlah]):
                h = _hash(p.nip, tanggal, i) % 100
                if umur == 0 or (umur <= 2 and h < 70) or (umur <= 5 and h < 35):
                    status = StatusLaporan.DIAJUKAN
                elif h >= 93:
                    status = StatusLaporan.DIKEMBALIKAN
                else:
                    status = StatusLaporan.DISETUJUI
                diputuskan = status != StatusLaporan.DIAJUKAN
                baru.append(
                    LaporanHarian(
                        pegawai=p,
                        rhk=rhk[(p.pk, tanggal.year)],
                        indikator=indikator[(p.pk, tanggal.year)],
                        tanggal=tanggal,
                        uraian=kegiatan[(i + _hash(p.nip, tanggal)) % len(kegiatan)]
                        if i != 1
                        else uraian_umum,
                        kuantitas=1 + h % 2,
                        satuan=indikator[(p.pk, tanggal.year)].satuan
                        if indikator[(p.pk, tanggal.year)]
                        else "kegiatan",
                        jam_mulai=mulai,
                        jam_selesai=selesai,
                        menit=rules.menit_antara(mulai, selesai),
                        status=status,
                        catatan_atasan=CATATAN_KEMBALI[h % len(CATATAN_KEMBALI)]
                        if status == StatusLaporan.DIKEMBALIKAN
                        else "",
                        diputuskan_oleh_id=p.atasan_id if diputuskan else None,
                        diputuskan_pada=_waktu(_hari_kerja_berikut(tanggal), 9, h % 60)
                        if diputuskan
                        else None,
                    )
                )
    LaporanHarian.objects.bulk_create(baru, batch_size=1000)
    # Filed at the end of their working day, not at seeding time.
    for tanggal in {b.tanggal for b in baru}:
        LaporanHarian.objects.filter(
            pk__in=[b.pk for b in baru if b.tanggal == tanggal and b.pk]
        ).update(dibuat=_waktu(tanggal, 16, 30), diubah=_waktu(tanggal, 16, 30))
    return len(baru)


def _periode_selesai(hari_ini: date) -> list[str]:
    """The annual periods of the two years before this one (finished cycles: the talent map
    and the two-year rule of kenaikan pangkat need them), this year's quarters (or months)
    already over, and from October this year's annual one: supervisors draw it up in the last
    quarter, and April's kenaikan pangkat counts it."""
    tahun = hari_ini.year
    kode = [str(tahun - 2), str(tahun - 1)]
    if pengaturan.jenis_periode_berkala() == rules.BULANAN:
        kode += [f"{tahun}-{m:02d}" for m in range(1, hari_ini.month)]
    else:
        kode += [f"{tahun}-Q{q}" for q in range(1, (hari_ini.month - 1) // 3 + 1)]
    if hari_ini.month >= 10:
        kode.append(str(tahun))
    return kode


def tahun_penilaian(hari_ini: date) -> list[int]:
    """The years with annual appraisals in the demo (see `_periode_selesai`)."""
    return [int(k) for k in _periode_selesai(hari_ini) if len(k) == 4]


def _predikat(h: int) -> str:
    batas = 0
    for bagian, predikat in SEBARAN:
        batas += bagian
        if h < batas:
            return predikat
    return rules.BAIK


def _penilaian_demo(pegawai: list[Pegawai], hari_ini: date) -> int:
    """Appraisals of the finished periods by each employee's direct supervisor, in bulk with
    the rules of `services.penilaian_buat`: an approved SKP of the year, one per period,
    the predikat from the matrix, the realisation from the approved reports of the period or,
    where it differs, with a reason. Annual ones are answered: accepted, or an objection
    where the predikat is Kurang."""
    dibuat = 0
    for kode in _periode_selesai(hari_ini):
        per = rules.parse_periode(kode)
        if per.jenis == rules.TAHUNAN:
            porsi = Decimal(1)
        else:
            porsi = Decimal(per.akhir.month - per.mulai.month + 1) / 12
        ada = set(Penilaian.objects.filter(periode=per.kode).values_list("pegawai_id", flat=True))
        skp = {
            s.pegawai_id: s
            for s in Skp.objects.filter(
                tahun=per.tahun, status=StatusSkp.DISETUJUI
            ).prefetch_related("rhk__indikator")
        }
        dari_laporan = dict(
            LaporanHarian.objects.filter(
                status=StatusLaporan.DISETUJUI,
                rhk__skp__tahun=per.tahun,
                tanggal__gte=per.mulai,
                tanggal__lte=per.akhir,
            )
            .order_by()
            .values("rhk_id")
            .annotate(total=Sum("kuantitas"))
            .values_list("rhk_id", "total")
        )
        baru, realisasi = [], []
        for p in pegawai:
            if p.atasan_id is None or p.pk in ada or p.pk not in skp:
                continue
            if per.kode == str(hari_ini.year) and p.nip in STAF_DEMO:
                continue  # the karier demo gives these their own chosen ratings
            predikat = _predikat(_hash(p.nip, per.kode) % 20)
            if p.nip in STAF_DEMO and predikat not in (rules.SANGAT_BAIK, rules.BAIK):
                predikat = rules.BAIK  # the showcase staff are due for kenaikan pangkat
            pilihan = RATING_UNTUK[predikat]
            hasil, perilaku = pilihan[_hash(p.nip, per.kode, "r") % len(pilihan)]
            penilaian = Penilaian(
                pegawai=p,
                skp=skp[p.pk],
                penilai_id=p.atasan_id,
                unit_kerja_id=p.unit_kerja_id,
                periode=per.kode,
                jenis_periode=per.jenis,
                tahun=per.tahun,
                tanggal_akhir=per.akhir,
                rating_hasil_kerja=hasil,
                rating_perilaku=perilaku,
                predikat=rules.predikat_kinerja(hasil, perilaku),
                umpan_balik=UMPAN_BALIK[predikat],
            )
            if per.jenis == rules.TAHUNAN and per.akhir < hari_ini:  # this year's: not yet
                penilaian.ditanggapi_pada = _waktu(per.akhir + timedelta(days=14), 10)
                if predikat == rules.KURANG:
                    penilaian.tanggapan = Tanggapan.KEBERATAN
                    penilaian.alasan_keberatan = (
                        "Kegiatan lapangan triwulan IV belum diperhitungkan dalam penilaian."
                    )
                else:
                    penilaian.tanggapan = Tanggapan.DITERIMA
            baru.append(penilaian)
            for r in skp[p.pk].rhk.all():
                target = sum(i.target for i in r.indikator.all() if i.aspek == "KUANTITAS")
                otomatis = dari_laporan.get(r.pk, Decimal(0))
                nilai = (target * porsi * FAKTOR_REALISASI[hasil]).quantize(Decimal(1))
                realisasi.append(
                    RealisasiRhk(
                        penilaian=penilaian,
                        rhk=r,
                        dari_laporan=otomatis,
                        realisasi=nilai,
                        alasan=ALASAN_REALISASI if nilai != otomatis else "",
                    )
                )
        Penilaian.objects.bulk_create(baru, batch_size=500)
        if baru and baru[0].pk is None:  # no RETURNING: read the new rows back
            per_pegawai = dict(
                Penilaian.objects.filter(periode=per.kode).values_list("pegawai_id", "pk")
            )
            for b in baru:
                b.pk = per_pegawai[b.pegawai_id]
        for r in realisasi:
            r.penilaian_id = r.penilaian.pk
        RealisasiRhk.objects.bulk_create(realisasi, batch_size=1000)
        # Written by the supervisor some days after the period ended, not at seeding time.
        Penilaian.objects.filter(pk__in=[b.pk for b in baru]).update(
            dibuat=_waktu(per.akhir + timedelta(days=7), 10)
        )
        dibuat += len(baru)
    return dibuat


FAKTOR_REALISASI = {
    "DI_ATAS": Decimal("1.05"),
    "SESUAI": Decimal("0.95"),
    "DI_BAWAH": Decimal("0.7"),
}
UMPAN_BALIK = {
    rules.SANGAT_BAIK: "Capaian melampaui target dengan kualitas yang konsisten; pertahankan.",
    rules.BAIK: "Target tercapai. Tingkatkan ketepatan waktu pelaporan pada periode berikutnya.",
    rules.BUTUH_PERBAIKAN: "Beberapa target belum tercapai; susun rencana perbaikan dengan atasan.",
    rules.KURANG: "Hasil kerja sesuai, tetapi perilaku kerja perlu dibina (disiplin kehadiran).",
}


def isi_aktivitas(hari_ini: date) -> dict[str, int]:
    """SKP for this and the two previous years for every active employee, daily reports of
    the demo units' last weeks, appraisals of the finished periods, the organisation results
    and the monthly rollups of every month touched. Idempotent; dates follow `hari_ini`."""
    tahun = hari_ini.year
    semua = list(Pegawai.objects.filter(aktif=True).select_related("unit_kerja", "atasan"))
    atasan = {p.pk: p.atasan_id for p in semua}
    semua.sort(key=lambda p: (_kedalaman(p, atasan), p.nip))
    opd = {u.kode: u for u in UnitKerja.objects.filter(parent__isnull=True)}
    skp_baru = sum(_skp_massal(semua, t, opd) for t in (tahun - 2, tahun - 1, tahun))

    demo = [
        p for p in semua
        if p.atasan_id and _kode_opd(p) in OPD_DEMO
    ]  # fmt: skip
    laporan = _laporan_demo(demo, hari_ini)
    penilaian = _penilaian_demo(semua, hari_ini)
    for t in tahun_penilaian(hari_ini):
        for unit in opd.values():
            if not HasilOrganisasi.objects.filter(unit_kerja=unit, tahun=t).exists():
                services.hasil_organisasi_atur(unit_kerja=unit, tahun=t, hasil=rules.BAIK)

    bulan = set()
    bulan |= {b.replace(day=1) for b in _hari_kerja(hari_ini, MINGGU_LAPORAN)}
    bulan |= {rules.parse_periode(k).akhir.replace(day=1) for k in _periode_selesai(hari_ini)}
    for b in sorted(bulan):
        if b <= hari_ini:  # not this year's December ahead of time (annual period's end)
            services.rekap_bulan_hitung(bulan=b)
    return {"skp": skp_baru, "laporan": laporan, "penilaian": penilaian}
