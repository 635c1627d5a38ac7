"""The SKP and the evaluation (penilaian) as PDF documents in the layout of the official forms
(PermenPANRB 6/2022): identity of the employee and the pejabat penilai, hasil kerja with
indicators per aspect, perilaku kerja BerAKHLAK with the supervisor's specific expectations,
and for an evaluation the realisation, ratings, predikat, feedback and the signature block.

Built with ReportLab (pure Python, standard PDF fonts, nothing fetched at run time). The
functions take records already read through the access scope (`kinerja.selectors`) with
their relations prefetched and return the bytes; they do no queries of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import pengaturan, rules
from .models import AngkaKredit, Aspek, Berakhlak, JenisRhk, Penilaian, Rhk, Skp, StatusSkp
from .perilaku import INDIKATOR_BERAKHLAK

HURUF = "Helvetica"
HURUF_TEBAL = "Helvetica-Bold"
ABU = colors.HexColor("#d9d9d9")
ABU_MUDA = colors.HexColor("#f2f2f2")
MARGIN = 15 * mm

_dasar = ParagraphStyle("dasar", fontName=HURUF, fontSize=8.5, leading=10.5)
_tebal = ParagraphStyle("tebal", parent=_dasar, fontName=HURUF_TEBAL)
_tengah_tebal = ParagraphStyle("kepala", parent=_tebal, alignment=TA_CENTER)
GAYA = {
    "judul": ParagraphStyle("judul", parent=_tengah_tebal, fontSize=11.5, leading=14),
    "subjudul": ParagraphStyle("subjudul", parent=_tengah_tebal, fontSize=9.5, leading=12),
    "sel": _dasar,
    "tebal": _tebal,
    "kepala": _tengah_tebal,
    "tengah": ParagraphStyle("tengah", parent=_dasar, alignment=TA_CENTER),
    "peringatan": ParagraphStyle(
        "peringatan", parent=_tengah_tebal, textColor=colors.HexColor("#9b1c1c")
    ),
}


def instansi() -> str:
    return pengaturan.instansi()


def kota_dokumen() -> str:
    return pengaturan.kota_dokumen()


# --- Small helpers -----------------------------------------------------------------------------


def tanggal_panjang(d: date | datetime | None) -> str:
    """31 Maret 2026."""
    if d is None:
        return "…………………"
    if isinstance(d, datetime):
        d = timezone.localtime(d).date()
    return f"{d.day} {rules.NAMA_BULAN[d.month]} {d.year}"


def _p(teks: object, gaya: str = "sel") -> Paragraph:
    """A paragraph of user text: escaped for ReportLab's markup, line breaks kept."""
    aman = escape(str(teks if teks not in (None, "") else "–")).replace("\n", "<br/>")
    return Paragraph(aman, GAYA[gaya])


def _markup(teks: str, gaya: str = "sel") -> Paragraph:
    """A paragraph of our own markup (never user text)."""
    return Paragraph(teks, GAYA[gaya])


def _jumlah(nilai: Decimal | None, satuan: str = "") -> str:
    if nilai is None:
        return "–"
    pemisah = "" if satuan == "%" else " "
    return f"{rules.angka(Decimal(nilai))}{pemisah}{satuan}".strip()


def _gaya_tabel(*tambahan: tuple) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            *tambahan,
        ]
    )


def _lebar(total: float, bagian: Sequence[float]) -> list[float]:
    """Column widths from relative parts that fill `total`."""
    jumlah = sum(bagian)
    return [total * b / jumlah for b in bagian]


def adalah_jpt(pegawai) -> bool:
    """A Jabatan Pimpinan Tinggi (their SKP form has perspectives)."""
    jenis = (pegawai.jenis_jabatan or "").upper()
    return jenis.startswith("JPT") or "PIMPINAN TINGGI" in jenis


def _bagi_untuk(pegawai) -> str:
    if adalah_jpt(pegawai):
        return "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
    return "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"


def _judul(baris: Iterable[str], *, status_draf: str = "") -> list:
    isi: list = []
    for i, teks in enumerate(baris):
        isi.append(_p(teks, "judul" if i == 0 else "subjudul"))
    if status_draf:
        isi += [Spacer(0, 2 * mm), _p(status_draf, "peringatan")]
    isi.append(Spacer(0, 4 * mm))
    return isi


def _kepala_periode(mulai: date, akhir: date, *, lebar: float) -> Table:
    periode = f"PERIODE PENILAIAN: {tanggal_panjang(mulai)} S.D. {tanggal_panjang(akhir)}".upper()
    t = Table(
        [[_p(instansi().upper(), "tebal"), _p(periode, "tebal")]],
        colWidths=[lebar * 0.45, lebar * 0.55],
    )
    t.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    t.hAlign = "LEFT"
    return t


def _jabatan(pegawai) -> str:
    return pegawai.nama_jabatan or "–"


def _pangkat(pegawai) -> str:
    pangkat = pegawai.pangkat
    return f"{pangkat}, {pegawai.golongan}" if pangkat else (pegawai.golongan or "–")


def _identitas(pegawai, unit_pegawai, penilai, *, lebar: float) -> Table:
    """NO | PEGAWAI YANG DINILAI | NO | PEJABAT PENILAI KINERJA, five rows each."""

    def kolom(p, unit) -> list[str]:
        if p is None:
            return ["–"] * 5
        return [p.nama_lengkap, p.nip, _pangkat(p), _jabatan(p), unit.nama if unit else "–"]

    label = ["NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"]
    kiri = kolom(pegawai, unit_pegawai)
    kanan = kolom(penilai, penilai.unit_kerja if penilai is not None else None)
    data = [
        [
            _p("NO", "kepala"),
            _p("PEGAWAI YANG DINILAI", "kepala"),
            "",
            _p("NO", "kepala"),
            _p("PEJABAT PENILAI KINERJA", "kepala"),
            "",
        ]
    ]
    for i, nama in enumerate(label):
        data.append(
            [
                _p(i + 1, "tengah"),
                _p(nama),
                _p(kiri[i]),
                _p(i + 1, "tengah"),
                _p(nama),
                _p(kanan[i]),
            ]
        )
    no = 8 * mm
    sisa = (lebar - 2 * no) / 2
    t = Table(data, colWidths=[no, sisa * 0.32, sisa * 0.68, no, sisa * 0.32, sisa * 0.68])
    t.setStyle(
        _gaya_tabel(
            ("SPAN", (1, 0), (2, 0)),
            ("SPAN", (4, 0), (5, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), ABU),
        )
    )
    return t


def _intervensi(rhk: Rhk) -> str:
    if rhk.rhk_atasan_id:
        return rhk.rhk_atasan.uraian
    if rhk.perjanjian_kinerja_id:
        return f"Perjanjian Kinerja: {rhk.perjanjian_kinerja.sasaran}"
    return "–"


def _uraian_rhk(rhk: Rhk) -> str:
    if rhk.perspektif:
        return f"{rhk.uraian}\n(Perspektif: {rhk.get_perspektif_display()})"
    return rhk.uraian


URUTAN_ASPEK = {a.value: i for i, a in enumerate(Aspek)}


def urut_indikator(rhk: Rhk) -> list:
    """The indicators in the form's order: kuantitas, kualitas, waktu."""
    return sorted(rhk.indikator.all(), key=lambda i: (URUTAN_ASPEK.get(i.aspek, 9), i.pk))


def satuan_realisasi(rhk: Rhk) -> str:
    """The unit a realisation is counted in: the quantity indicator's, else the first one's."""
    indikator = urut_indikator(rhk)
    for i in indikator:
        if i.aspek == Aspek.KUANTITAS:
            return i.satuan
    return indikator[0].satuan if indikator else ""


def _tabel_hasil_kerja(
    rhk_semua: Sequence[Rhk],
    *,
    lebar: float,
    realisasi: dict[int, object] | None = None,
    rating: str = "",
) -> Table:
    """Hasil kerja grouped A. Utama / B. Tambahan; one row per indicator, the RHK cells
    spanning its indicators. With `realisasi` (evaluation) two columns more."""
    evaluasi = realisasi is not None
    kepala = [
        "NO",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "RENCANA HASIL KERJA",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
    ]
    bagian = [5, 26, 28, 11, 28, 13]
    if evaluasi:
        kepala += ["REALISASI BERDASARKAN BUKTI DUKUNG", "UMPAN BALIK / KETERANGAN"]
        bagian += [16, 30]
    n_kolom = len(kepala)
    data: list[list] = [
        [_p("HASIL KERJA", "tebal")] + [""] * (n_kolom - 1),
        [_p(k, "kepala") for k in kepala],
    ]
    gaya: list[tuple] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 1), ABU),
    ]
    kolom_rhk = [0, 1, 2] + ([6, 7] if evaluasi else [])
    for huruf, jenis in (("A", JenisRhk.UTAMA), ("B", JenisRhk.TAMBAHAN)):
        baris_grup = len(data)
        data.append([_p(f"{huruf}. {jenis.label.upper()}", "tebal")] + [""] * (n_kolom - 1))
        gaya += [
            ("SPAN", (0, baris_grup), (-1, baris_grup)),
            ("BACKGROUND", (0, baris_grup), (-1, baris_grup), ABU_MUDA),
        ]
        daftar = [r for r in rhk_semua if r.jenis == jenis]
        if not daftar:
            data.append([_p("–", "tengah")] + [_p("–")] * (n_kolom - 1))
            continue
        for no, rhk in enumerate(daftar, start=1):
            indikator = urut_indikator(rhk) or [None]
            awal = len(data)
            for j, ind in enumerate(indikator):
                baris = [
                    _p(no, "tengah") if j == 0 else "",
                    _p(_intervensi(rhk)) if j == 0 else "",
                    _p(_uraian_rhk(rhk)) if j == 0 else "",
                    _p(ind.get_aspek_display() if ind else "–"),
                    _p(ind.uraian if ind else "–"),
                    _p(_jumlah(ind.target, ind.satuan) if ind else "–"),
                ]
                if evaluasi:
                    r = realisasi.get(rhk.pk)
                    if j == 0 and r is not None:
                        baris += [
                            _p(_jumlah(r.realisasi, satuan_realisasi(rhk))),
                            _p(_keterangan_realisasi(r, satuan_realisasi(rhk))),
                        ]
                    else:
                        baris += [_p("–") if j == 0 else "", _p("–") if j == 0 else ""]
                data.append(baris)
            akhir = len(data) - 1
            if akhir > awal:
                gaya += [("SPAN", (c, awal), (c, akhir)) for c in kolom_rhk]
    if rating:
        gaya += _baris_rating(data, "RATING HASIL KERJA", rating, n_kolom)
    t = Table(data, colWidths=_lebar(lebar, bagian), repeatRows=2)
    t.setStyle(_gaya_tabel(*gaya))
    return t


def _baris_rating(data: list[list], judul: str, rating: str, n_kolom: int) -> list[tuple]:
    """Append the spanning "RATING …: SESUAI EKSPEKTASI" row; return its style commands."""
    i = len(data)
    data.append([_markup(f"<b>{judul}:</b> {escape(rating.upper())}")] + [""] * (n_kolom - 1))
    return [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), ABU_MUDA)]


def _keterangan_realisasi(r, satuan: str) -> str:
    if r.alasan:
        return (
            f"Disesuaikan dari {_jumlah(r.dari_laporan, satuan)} menurut laporan harian "
            f"yang disetujui: {r.alasan}"
        )
    return "Sesuai laporan harian yang disetujui."


def _sel_perilaku(kode: str, label: str) -> Paragraph:
    butir = "".join(f"<br/>- {escape(t)}" for t in INDIKATOR_BERAKHLAK.get(kode, ()))
    return _markup(f"<b>{escape(label)}</b>{butir}")


def _tabel_perilaku(
    ekspektasi: dict[str, str],
    *,
    lebar: float,
    umpan_balik: dict[str, str] | None = None,
    rating: str = "",
) -> Table:
    evaluasi = umpan_balik is not None
    kepala = ["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN"]
    bagian = [5, 62, 45]
    if evaluasi:
        kepala.append("UMPAN BALIK BERKELANJUTAN")
        bagian = [5, 52, 38, 38]
    n_kolom = len(kepala)
    data: list[list] = [
        [_p("PERILAKU KERJA", "tebal")] + [""] * (n_kolom - 1),
        [_p(k, "kepala") for k in kepala],
    ]
    for no, (kode, label) in enumerate(Berakhlak.choices, start=1):
        baris = [_p(no, "tengah"), _sel_perilaku(kode, label), _p(ekspektasi.get(kode, ""))]
        if evaluasi:
            baris.append(_p(umpan_balik.get(kode, "")))
        data.append(baris)
    gaya: list[tuple] = [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 1), ABU)]
    if rating:
        gaya += _baris_rating(data, "RATING PERILAKU KERJA", rating, n_kolom)
    t = Table(data, colWidths=_lebar(lebar, bagian), repeatRows=2)
    t.setStyle(_gaya_tabel(*gaya))
    return t


def _tanda_tangan(
    kiri: tuple[str, object], kanan: tuple[str, object], *, tanggal: str, lebar: float
) -> KeepTogether:
    """Two signature columns: the role, space to sign, the name underlined and the NIP."""

    def kolom(peran: str, p, atas: str = "") -> list:
        nama = escape(p.nama_lengkap) if p is not None else "…………………………"
        nip = escape(p.nip) if p is not None else "…………………………"
        return [
            _p(atas, "tengah") if atas else _markup("&nbsp;", "tengah"),
            _p(peran, "tengah"),
            Spacer(0, 20 * mm),
            _markup(f"<u><b>{nama}</b></u>", "tengah"),
            _markup(f"NIP. {nip}", "tengah"),
        ]

    t = Table(
        [[kolom(*kiri), "", kolom(*kanan, atas=tanggal)]],
        colWidths=[lebar * 0.4, lebar * 0.2, lebar * 0.4],
    )
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(0, 6 * mm), t])


def _buat(judul: str, cerita: list, *, ukuran, pegawai, subjek: str) -> bytes:
    buf = BytesIO()
    dicetak = timezone.localtime()

    def kaki(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(HURUF, 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(
            MARGIN,
            8 * mm,
            f"{judul} · {pegawai.nama_lengkap} · NIP {pegawai.nip} · dicetak dari ASN HR Lampung "
            f"{tanggal_panjang(dicetak)} {dicetak:%H:%M}",
        )
        canvas.drawRightString(ukuran[0] - MARGIN, 8 * mm, f"Halaman {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=ukuran,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=16 * mm,
        title=f"{judul} – {pegawai.nama_lengkap}",
        author="ASN HR Lampung",
        subject=subjek,
        creator="ASN HR Lampung",
    )
    doc.build(cerita, onFirstPage=kaki, onLaterPages=kaki)
    return buf.getvalue()


# --- Documents ---------------------------------------------------------------------------------


def nama_berkas_skp(skp: Skp) -> str:
    return f"SKP-{skp.tahun}-{skp.pegawai.nip}.pdf"


def nama_berkas_penilaian(p: Penilaian) -> str:
    return f"Evaluasi-Kinerja-{p.periode}-{p.pegawai.nip}.pdf"


def skp_pdf(skp: Skp) -> bytes:
    """The SKP: identity, hasil kerja (RHK with indicators per aspect and target), perilaku
    kerja with the supervisor's expectations, and the signatures of both parties.

    `skp` comes from `selectors.skp_rincian` (RHK, indicators and expectations prefetched).
    """
    ukuran = A4
    lebar = ukuran[0] - 2 * MARGIN
    draf = (
        ""
        if skp.status == StatusSkp.DISETUJUI
        else f"DOKUMEN BELUM BERLAKU – status SKP: {skp.get_status_display().upper()}"
    )
    cerita = _judul(
        [
            "SASARAN KINERJA PEGAWAI",
            f"PENDEKATAN HASIL KERJA {skp.get_pendekatan_display().upper()}",
            _bagi_untuk(skp.pegawai),
        ],
        status_draf=draf,
    )
    cerita += [
        _kepala_periode(date(skp.tahun, 1, 1), date(skp.tahun, 12, 31), lebar=lebar),
        Spacer(0, 2 * mm),
        _identitas(skp.pegawai, skp.unit_kerja, skp.penilai, lebar=lebar),
        Spacer(0, 4 * mm),
        _tabel_hasil_kerja(list(skp.rhk.all()), lebar=lebar),
        Spacer(0, 4 * mm),
        _tabel_perilaku({e.nilai: e.ekspektasi for e in skp.ekspektasi.all()}, lebar=lebar),
        _tanda_tangan(
            ("Pegawai yang Dinilai", skp.pegawai),
            ("Pejabat Penilai Kinerja", skp.penilai),
            tanggal=f"{kota_dokumen()}, {tanggal_panjang(skp.disetujui_pada)}",
            lebar=lebar,
        ),
    ]
    return _buat(
        f"SKP {skp.tahun}",
        cerita,
        ukuran=ukuran,
        pegawai=skp.pegawai,
        subjek="Sasaran Kinerja Pegawai",
    )


def _nama_periode_resmi(periode: rules.Periode) -> str:
    if periode.jenis == rules.TAHUNAN:
        return f"PERIODE: AKHIR TAHUN {periode.tahun}"
    if periode.jenis == rules.TRIWULANAN:
        romawi = {"1": "I", "2": "II", "3": "III", "4": "IV"}[periode.kode[-1]]
        return f"PERIODE: TRIWULAN {romawi} TAHUN {periode.tahun}"
    return f"PERIODE: BULAN {rules.NAMA_BULAN[periode.mulai.month].upper()} {periode.tahun}"


def penilaian_pdf(p: Penilaian) -> bytes:
    """The evaluation document: period, identity, realisation per RHK against its indicators,
    rating hasil kerja, perilaku with expectations and feedback, rating perilaku, predikat,
    written feedback, the employee's response, and the signature block.

    `p` comes from `selectors.penilaian_dokumen` (SKP with RHK and expectations, and the
    realisations prefetched).
    """
    ukuran = landscape(A4)
    lebar = ukuran[0] - 2 * MARGIN
    periode = rules.parse_periode(p.periode)
    skp = p.skp
    cerita = _judul(
        [
            "EVALUASI KINERJA PEGAWAI",
            f"PENDEKATAN HASIL KERJA {skp.get_pendekatan_display().upper()}",
            _bagi_untuk(p.pegawai),
            _nama_periode_resmi(periode),
        ],
    )
    realisasi = {r.rhk_id: r for r in p.realisasi.all()}
    cerita += [
        _kepala_periode(periode.mulai, periode.akhir, lebar=lebar),
        Spacer(0, 2 * mm),
        _identitas(p.pegawai, p.unit_kerja, p.penilai, lebar=lebar),
        Spacer(0, 4 * mm),
        _tabel_hasil_kerja(
            list(skp.rhk.all()),
            lebar=lebar,
            realisasi=realisasi,
            rating=p.get_rating_hasil_kerja_display(),
        ),
        Spacer(0, 4 * mm),
        _tabel_perilaku(
            {e.nilai: e.ekspektasi for e in skp.ekspektasi.all()},
            lebar=lebar,
            umpan_balik=p.catatan_perilaku or {},
            rating=p.get_rating_perilaku_display(),
        ),
        Spacer(0, 4 * mm),
        # The predikat stays on the page where the signatures are.
        KeepTogether(
            [
                _ringkasan(p, lebar=lebar),
                _tanda_tangan(
                    ("Pegawai yang Dinilai", p.pegawai),
                    ("Pejabat Penilai Kinerja", p.penilai),
                    tanggal=f"{kota_dokumen()}, {tanggal_panjang(p.dibuat)}",
                    lebar=lebar,
                ),
            ]
        ),
    ]
    return _buat(
        f"Evaluasi Kinerja {periode.nama}",
        cerita,
        ukuran=ukuran,
        pegawai=p.pegawai,
        subjek="Evaluasi Kinerja Pegawai",
    )


def _ringkasan(p: Penilaian, *, lebar: float) -> Table:
    """PREDIKAT KINERJA PEGAWAI, the written feedback and the employee's response."""
    if p.tanggapan == "KEBERATAN":
        tanggapan = f"Keberatan ({tanggal_panjang(p.ditanggapi_pada)}): {p.alasan_keberatan}"
    elif p.tanggapan:
        tanggapan = f"Diterima pegawai pada {tanggal_panjang(p.ditanggapi_pada)}."
    else:
        tanggapan = "Belum ditanggapi pegawai."
    data = [
        [_p("PREDIKAT KINERJA PEGAWAI", "tebal"), _p(p.get_predikat_display().upper(), "tebal")],
        [_p("UMPAN BALIK PEJABAT PENILAI", "tebal"), _p(p.umpan_balik)],
        [_p("TANGGAPAN PEGAWAI", "tebal"), _p(tanggapan)],
    ]
    ak = _angka_kredit(p)
    if ak:
        data.append([_p("ANGKA KREDIT (PermenPANRB 1/2023)", "tebal"), _p(ak)])
    t = Table(data, colWidths=_lebar(lebar, [30, 82]))
    t.setStyle(_gaya_tabel(("BACKGROUND", (0, 0), (0, -1), ABU_MUDA)))
    return t


def _angka_kredit(p: Penilaian) -> str:
    """The annual conversion of an appraisal of a jabatan fungsional and the cumulative
    credit, in words ('' when the appraisal has no conversion)."""
    from .angka_kredit import ringkasan_pegawai

    baris = AngkaKredit.objects.filter(penilaian=p).first()
    if baris is None:
        return ""
    r = ringkasan_pegawai(p.pegawai, pada=p.tanggal_akhir, jenjang=baris.jenjang)
    teks = (
        f"{baris.jenjang.replace('_', ' ').title()}: koefisien {_jumlah(baris.koefisien)} × "
        f"{_jumlah(baris.persentase)}% ({baris.get_predikat_display()}) = "
        f"{_jumlah(baris.nilai)}. Kumulatif sejak TMT golongan: {_jumlah(r.kumulatif)}"
    )
    if r.kebutuhan is not None:
        teks += f" dari {_jumlah(r.kebutuhan)} yang diperlukan untuk naik dari {p.pegawai.golongan}"
    return teks + "."
