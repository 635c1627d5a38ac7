"""Reading the first sheet of an xlsx as rows of values, fast (issue 17 goal 2).

openpyxl's read-only mode builds an object per cell (a rich-text object per inline string)
and was more than half of a 10,000-row import. Here the sheet XML is read straight from the
zip by expat (`xml.parsers.expat`, the C parser) with callbacks that only note each cell's
value under its column: no element object is built (ElementTree's elements made the garbage
collector walk the whole process again and again, most of the read's time inside a Django
process), and memory does not grow with the rows.

`baris_xlsx` yields what `openpyxl.load_workbook(read_only=True, data_only=True)
.worksheets[0].iter_rows(values_only=True)` yields (tests/pegawai/test_impor_xlsx.py):

- shared strings and inline strings (rich-text runs joined, a run's last `<t>`, phonetic
  runs left out), entities and CDATA as XML says, with or without a namespace prefix;
- numbers as int or float; numbers in a date/time style as datetime (time, timedelta as
  openpyxl); booleans; formula results (cached values); error codes as their text;
- cells placed by their reference ("C12"), so empty cells in the middle are None; rows are
  as wide as the `<dimension>` says (rows past its last row are not read, as openpyxl), or
  without one as wide as their last cell; missing rows come out empty.

Safety: the uncompressed size of the sheet and of the shared strings is checked against
`maks_xml` from the zip directory before anything is parsed (a zip bomb is refused unread),
the row count the dimension claims against `maks_baris` before parsing, and the real row
count as it is read (a sheet without a dimension cannot go past the cap either).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import IO, Any
from xml.etree.ElementTree import iterparse
from xml.parsers import expat

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION, _SHEETDATA, _ROW = NS + "dimension", NS + "sheetData", NS + "row"
# The same names as expat reports them (namespace_separator "}"); see `_parser`.
_NAMA = tuple(NS[1:] + t for t in ("row", "c", "v", "is", "t", "r", "si"))
_E_ROW, _E_C, _E_V, _E_IS, _E_T, _E_R, _E_SI = _NAMA

EPOCH_WINDOWS = datetime(1899, 12, 30)
EPOCH_MAC = datetime(1904, 1, 1)


class BerkasXlsxSalah(ValueError):
    """The file is not a readable xlsx, or goes past a cap (message in Indonesian)."""


# --- Number formats: which cell styles hold dates (as openpyxl decides) ---------------------

_FORMAT_TANGGAL_BAWAAN = {
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0",
}  # fmt: skip
_BUANG = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_SELISIH = re.compile(
    r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE
)
_HURUF_TANGGAL = re.compile(r"(?<![_\\])[dmhysDMHYS]")


def _format_tanggal(kode: str | None) -> bool:
    if kode is None:
        return False
    return _HURUF_TANGGAL.search(_BUANG.sub("", kode.split(";")[0])) is not None


def _format_selisih(kode: str | None) -> bool:
    return kode is not None and _SELISIH.search(kode.split(";")[0]) is not None


def _gaya_tanggal(arsip: zipfile.ZipFile, jalur: str | None) -> tuple[set[int], set[int]]:
    """The indexes of cellXfs whose number format is a date (and those that are durations)."""
    tanggal: set[int] = set()
    selisih: set[int] = set()
    if jalur is None or jalur not in arsip.NameToInfo:
        return tanggal, selisih
    kustom: dict[int, str] = {}
    xf: list[int] = []
    with arsip.open(jalur) as f:
        dalam_xfs = False
        for ev, el in iterparse(f, events=("start", "end")):
            tag = el.tag
            if tag == NS + "cellXfs":
                dalam_xfs = ev == "start"
            elif ev != "end":
                continue
            elif tag == NS + "numFmt":
                kustom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
            elif tag == NS + "xf" and dalam_xfs:
                xf.append(int(el.get("numFmtId", "0") or 0))
    for i, id_format in enumerate(xf):
        kode = kustom.get(id_format, _FORMAT_TANGGAL_BAWAAN.get(id_format))
        if _format_tanggal(kode):
            tanggal.add(i)
        if _format_selisih(kode):
            selisih.add(i)
    return tanggal, selisih


def _dari_excel(nilai: float, epoch: datetime, durasi: bool) -> Any:
    """openpyxl's `from_excel`: an Excel serial as datetime (time below 1, timedelta for a
    duration format)."""
    if durasi:
        td = timedelta(days=nilai)
        if td.microseconds:
            td = timedelta(
                seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3)
            )
        return td
    hari, pecahan = divmod(nilai, 1)
    beda = timedelta(milliseconds=round(pecahan * 86400 * 1000))
    if 0 <= nilai < 1 and beda.days == 0:
        jam, sisa = divmod(beda.seconds, 3600)
        menit, detik = divmod(sisa, 60)
        return datetime.min.replace(hour=jam, minute=menit, second=detik,
                                    microsecond=beda.microseconds).time()  # fmt: skip
    if 0 < nilai < 60 and epoch == EPOCH_WINDOWS:
        hari += 1
    return epoch + timedelta(days=hari) + beda


def _angka(teks: str) -> int | float:
    if "." in teks or "E" in teks or "e" in teks:
        return float(teks)
    return int(teks)


# --- The package: first sheet, shared strings, styles ---------------------------------------


def _rels(arsip: zipfile.ZipFile, jalur: str) -> dict[str, str]:
    """Relationship id → part path, for the part at `jalur`."""
    folder, nama = posixpath.split(jalur)
    rels = posixpath.join(folder, "_rels", nama + ".rels")
    if rels not in arsip.NameToInfo:
        return {}
    hasil = {}
    with arsip.open(rels) as f:
        for _, el in iterparse(f):
            if el.tag == NS_PKG_REL + "Relationship":
                target = el.get("Target", "")
                if target.startswith("/"):
                    path = target[1:]
                else:
                    path = posixpath.normpath(posixpath.join(folder, target))
                hasil[el.get("Id", "")] = path
    return hasil


def _isi_buku(arsip: zipfile.ZipFile) -> tuple[str, str | None, str | None, datetime]:
    """(first sheet, shared strings, styles, epoch) from the workbook part and its rels."""
    buku = "xl/workbook.xml"
    with arsip.open("_rels/.rels") as f:
        for _, el in iterparse(f):
            if el.tag == NS_PKG_REL + "Relationship" and el.get("Type", "").endswith(
                "/officeDocument"
            ):
                buku = el.get("Target", buku).lstrip("/")
    rels = _rels(arsip, buku)
    epoch = EPOCH_WINDOWS
    pertama = None
    with arsip.open(buku) as f:
        for _, el in iterparse(f):
            if el.tag == NS + "workbookPr" and el.get("date1904", "").lower() in ("1", "true"):
                epoch = EPOCH_MAC
            elif el.tag == NS + "sheet" and pertama is None:
                pertama = rels.get(el.get(NS_REL + "id", ""))
    if pertama is None:
        raise BerkasXlsxSalah("Berkas xlsx tidak berisi lembar kerja.")
    jenis = {}
    folder = posixpath.dirname(buku)
    for path in rels.values():
        if posixpath.basename(path).lower().startswith("sharedstrings"):
            jenis["s"] = path
        elif posixpath.basename(path).lower().startswith("styles"):
            jenis["g"] = path
    strings = jenis.get("s") or posixpath.join(folder, "sharedStrings.xml")
    styles = jenis.get("g") or posixpath.join(folder, "styles.xml")
    return pertama, strings, styles, epoch


def _parser() -> Any:
    """An expat parser as the readers below use it: namespaces resolved ("uri}local", so a
    prefixed sheet reads the same), text in one piece, and the names compared here interned
    to the very objects below (`is` compares them)."""
    p = expat.ParserCreate(namespace_separator="}")
    p.buffer_text = True
    p.buffer_size = 1 << 16
    for nama in _NAMA:
        p.intern[nama] = nama
    # An external entity is never fetched: its reference is an error (as ElementTree's), not
    # silently skipped as expat does when no handler is set.
    p.ExternalEntityRefHandler = lambda *_: 0
    return p


def _shared_strings(arsip: zipfile.ZipFile, jalur: str | None) -> list[str]:
    """The shared strings: each `<si>`'s plain `<t>` and its runs' `<t>`, without phonetic
    runs (as openpyxl)."""
    if jalur is None or jalur not in arsip.NameToInfo:
        return []
    hasil: list[str] = []
    d = d_si = d_r = awal_r = 0
    ambil = False
    teks = ""
    SI, T, R = _E_SI, _E_T, _E_R

    def mulai(nama: str, _atribut: Any) -> None:
        nonlocal d, d_si, d_r, awal_r, ambil, teks
        d += 1
        ambil = False
        if d_si:
            if d == d_si + 1:
                if nama is T:
                    ambil = True
                elif nama is R:
                    d_r, awal_r = d, len(teks)
            elif d_r and d == d_r + 1 and nama is T:
                teks = teks[:awal_r]  # a run's last <t> counts (as openpyxl)
                ambil = True
        elif nama is SI:
            d_si, teks = d, ""

    def selesai(_nama: str) -> None:
        nonlocal d, d_si, d_r, ambil
        ambil = False
        if d == d_si:
            hasil.append(teks.replace("x005F_", ""))
            d_si = 0
        elif d == d_r:
            d_r = 0
        d -= 1

    def isi(data: str) -> None:
        nonlocal teks
        if ambil:
            teks += data

    p = _parser()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = mulai, selesai, isi
    with arsip.open(jalur) as f:
        p.ParseFile(f)
    return hasil


_DIMENSI = re.compile(r"^\$?([A-Z]+)?\$?(\d+)?(?::\$?([A-Z]+)?\$?(\d+)?)?$")


def nomor_kolom(huruf: str) -> int:
    n = 0
    for h in huruf:
        n = n * 26 + ord(h) - 64
    return n


def _ukuran(ref: str) -> tuple[int | None, int | None]:
    """(last column, last row) of a dimension ref ("A1:T10001", or "A1")."""
    cocok = _DIMENSI.match(ref.upper())
    if not cocok:
        return None, None
    k1, b1, k2, b2 = cocok.groups()
    if k2 is None and b2 is None:
        k2, b2 = k1, b1
    return (nomor_kolom(k2) if k2 else None), (int(b2) if b2 else None)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}"


def baris_xlsx(
    berkas: IO[bytes] | Any,
    *,
    maks_xml: int | None = None,
    maks_baris: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The rows of the first sheet, header included, as tuples of values.

    Raises `BerkasXlsxSalah` at once for an unreadable package or a sheet or string table
    larger than `maks_xml` once unzipped, or a dimension claiming more than `maks_baris`
    data rows; while reading, when the sheet has more rows than that after all."""
    try:
        arsip = zipfile.ZipFile(berkas)
        lembar, jalur_strings, jalur_gaya, epoch = _isi_buku(arsip)
        info = arsip.getinfo(lembar)
    except BerkasXlsxSalah:
        raise
    except (zipfile.BadZipFile, KeyError, SyntaxError, expat.ExpatError, OSError,
            ValueError) as exc:  # fmt: skip
        raise BerkasXlsxSalah(f"Berkas tidak dapat dibaca sebagai xlsx ({exc}).") from exc
    if maks_xml is not None:
        for jalur in (lembar, jalur_strings):
            if jalur in arsip.NameToInfo and arsip.getinfo(jalur).file_size > maks_xml:
                raise BerkasXlsxSalah(
                    f"Isi berkas terlalu besar setelah dibuka "
                    f"({_mb(arsip.getinfo(jalur).file_size)} MB; paling besar {_mb(maks_xml)} MB)."
                )
    try:
        with arsip.open(info) as f:
            kepala = f.read(4096).decode("utf-8", "replace")
        cocok = re.search(r'<(?:\w+:)?dimension ref="([^"]*)"', kepala)
        maks_kolom, baris_akhir = _ukuran(cocok.group(1)) if cocok else (None, None)
        if cocok is None and "<" in kepala and "sheetData" not in kepala:
            # A dimension beyond the first 4 KB (very long sheet properties): look for it.
            maks_kolom, baris_akhir = _dimensi_iterparse(arsip, info)
        if maks_baris is not None and baris_akhir is not None and baris_akhir - 1 > maks_baris:
            raise BerkasXlsxSalah(
                f"Berkas berisi {baris_akhir - 1} baris; paling banyak {maks_baris} baris."
            )
        strings = _shared_strings(arsip, jalur_strings)
        gaya_tanggal, gaya_durasi = _gaya_tanggal(arsip, jalur_gaya)
    except BerkasXlsxSalah:
        raise
    except (zipfile.BadZipFile, KeyError, SyntaxError, expat.ExpatError, OSError,
            ValueError) as exc:  # fmt: skip
        raise BerkasXlsxSalah(f"Berkas tidak dapat dibaca sebagai xlsx ({exc}).") from exc
    return _baris(arsip, info, strings, gaya_tanggal, gaya_durasi, epoch, maks_kolom,
                  baris_akhir, maks_baris)  # fmt: skip


def _dimensi_iterparse(arsip: zipfile.ZipFile, info: zipfile.ZipInfo):
    with arsip.open(info) as f:
        for _, el in iterparse(f):
            if el.tag == _DIMENSION:
                return _ukuran(el.get("ref", ""))
            if el.tag == _SHEETDATA or el.tag == _ROW:
                break
    return None, None


def _baris(
    arsip: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    strings: list[str],
    gaya_tanggal: set[int],
    gaya_durasi: set[int],
    epoch: datetime,
    maks_kolom: int | None,
    baris_akhir: int | None,
    maks_baris: int | None,
) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows. expat calls back per element; the callbacks only note each cell's
    value under its column, and the rows a chunk of XML completed are laid out here."""
    siap: list[tuple[str | None, dict[int, Any], int]] = []  # (r, {column: value}, last column)
    kolom_ref: dict[str, int] = {}
    ROW, C, V, IS, T, R = _E_ROW, _E_C, _E_V, _E_IS, _E_T, _E_R
    # Depths of the open row, cell, the cell's first <is> and a run in it (0: none open).
    d = d_row = d_c = d_is = d_r = 0
    ambil = False  # the text now read is a cell's (a <v>, or a <t> of its inline string)
    v_ada = is_ada = False
    awal_r = 0  # where the open run's text starts in `teks`
    teks = ""
    r_baris: str | None = None
    sel: dict[int, Any] = {}
    k = akhir = 0
    jenis: str = "n"
    inline = False
    gaya: str | None = None

    def mulai(nama: str, atribut: dict[str, str]) -> None:
        nonlocal d, d_row, d_c, d_is, d_r, awal_r, ambil, v_ada, is_ada, teks, r_baris, sel, k
        nonlocal akhir, jenis, inline, gaya
        d += 1
        ambil = False  # text after a child element is not the parent's (ElementTree's .text)
        if d_c:
            if d == d_c + 1:
                if nama is V:
                    if not v_ada:
                        v_ada = True
                        ambil = not inline
                elif nama is IS and not is_ada:
                    is_ada, d_is = True, d
            elif d_is:
                if d == d_is + 1:
                    if nama is T:
                        ambil = inline
                    elif nama is R:
                        d_r, awal_r = d, len(teks)
                elif d_r and d == d_r + 1 and nama is T:
                    teks = teks[:awal_r]  # a run's last <t> counts (as openpyxl)
                    ambil = inline
        elif d_row:
            if d == d_row + 1 and nama is C:
                d_c = d
                ref = atribut.get("r")
                if ref:
                    huruf = ref.rstrip("0123456789")
                    k = kolom_ref.get(huruf) or kolom_ref.setdefault(huruf, nomor_kolom(huruf))
                else:
                    k += 1
                jenis = atribut.get("t", "n")
                inline = jenis == "inlineStr"
                gaya = atribut.get("s")
                v_ada = is_ada = False
                teks = ""
        elif nama is ROW:
            d_row, r_baris, sel, k, akhir = d, atribut.get("r"), {}, 0, 0

    def selesai(_nama: str) -> None:
        nonlocal d, d_row, d_c, d_is, d_r, ambil, akhir
        ambil = False
        if d == d_c:
            if inline:
                v: Any = teks if is_ada else None
            else:
                v = teks or None
                if v is not None:
                    if jenis == "n":
                        v = _angka(v)
                        if gaya and int(gaya) in gaya_tanggal:
                            try:
                                v = _dari_excel(v, epoch, int(gaya) in gaya_durasi)
                            except (OverflowError, ValueError):
                                v = "#VALUE!"
                    elif jenis == "s":
                        v = strings[int(v)]
                    elif jenis == "b":
                        v = bool(int(v))
                    elif jenis == "d":
                        v = datetime.fromisoformat(v.rstrip("Z"))
            sel[k] = v
            akhir = k
            d_c = d_is = d_r = 0
        elif d == d_row:
            siap.append((r_baris, sel, akhir))
            d_row = 0
        elif d == d_is:
            d_is = d_r = 0
        elif d == d_r:
            d_r = 0
        d -= 1

    def isi(data: str) -> None:
        nonlocal teks
        if ambil:
            teks += data

    p = _parser()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = mulai, selesai, isi
    kosong = (None,) * maks_kolom if maks_kolom else ()
    rentang: dict[int, range] = {}
    nomor = 0  # the row counter of the sheet (row elements without r count on)
    berikut = 1  # the next row number to hand out
    batas_baris = None if maks_baris is None else maks_baris + 1  # with the header row
    try:
        with arsip.open(info) as f:
            while True:
                potong = f.read(1 << 16)
                p.Parse(potong, not potong)
                for r, sel_baris, akhir_baris in siap:
                    if r:
                        try:
                            nomor = int(r)
                        except ValueError:
                            nilai_r = float(r)
                            if not nilai_r.is_integer():
                                raise ValueError(f"{r} is not a valid row number") from None
                            nomor = int(nilai_r)
                    else:
                        nomor += 1
                    if baris_akhir is not None and nomor > baris_akhir:
                        # Past the dimension: openpyxl stops, filling up to its last row.
                        for _ in range(berikut, baris_akhir + 1):
                            yield kosong
                        return
                    if batas_baris is not None and nomor > batas_baris:
                        raise BerkasXlsxSalah(
                            f"Berkas berisi lebih dari {maks_baris} baris; "
                            f"paling banyak {maks_baris} baris."
                        )
                    if nomor < berikut:
                        continue  # a row number seen already: openpyxl skips it too
                    while berikut < nomor:
                        berikut += 1
                        yield kosong
                    berikut += 1
                    lebar = maks_kolom or akhir_baris
                    if not lebar:
                        yield ()
                        continue
                    kolom = rentang.get(lebar)
                    if kolom is None:
                        kolom = rentang[lebar] = range(1, lebar + 1)
                    yield tuple(map(sel_baris.get, kolom))
                siap.clear()
                if not potong:
                    break
    except BerkasXlsxSalah:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, OSError, ValueError, IndexError) as exc:
        raise BerkasXlsxSalah(f"Berkas tidak dapat dibaca sebagai xlsx ({exc}).") from exc
