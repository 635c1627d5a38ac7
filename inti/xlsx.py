"""Reading the first sheet of an xlsx as rows of values, fast (issue 17 goal 2).

openpyxl's read-only mode builds an object per cell (a rich-text object per inline string)
and was more than half of a 10,000-row import. Here the sheet XML is read straight from the
zip with `xml.etree.ElementTree.iterparse` (the C parser), each row element dropped as soon
as its values are taken: memory does not grow with the rows.

`baris_xlsx` yields what `openpyxl.load_workbook(read_only=True, data_only=True)
.worksheets[0].iter_rows(values_only=True)` yields (tests/pegawai/test_impor_xlsx.py):

- shared strings and inline strings (rich-text runs joined, phonetic runs left out);
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
from xml.etree.ElementTree import Element, XMLPullParser, iterparse

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _C, _V, _IS, _T, _R = (NS + t for t in ("row", "c", "v", "is", "t", "r"))
_DIMENSION, _SHEETDATA = NS + "dimension", NS + "sheetData"

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


def _teks_kaya(el: Any) -> str:
    """An `<si>` or `<is>`: its plain `<t>` and its runs' `<t>`, without phonetic runs."""
    if len(el) == 1 and el[0].tag == _T:  # the common case: one plain text
        return el[0].text or ""
    bagian = []
    for anak in el:
        if anak.tag == _T:
            bagian.append(anak.text or "")
        elif anak.tag == _R:
            t = anak.find(_T)
            if t is not None:
                bagian.append(t.text or "")
    return "".join(bagian)


def _shared_strings(arsip: zipfile.ZipFile, jalur: str | None) -> list[str]:
    if jalur is None or jalur not in arsip.NameToInfo:
        return []
    hasil: list[str] = []
    si = NS + "si"
    with arsip.open(jalur) as f:
        for _, el in iterparse(f):
            if el.tag == si:
                hasil.append(_teks_kaya(el).replace("x005F_", ""))
                el.clear()
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
    except (zipfile.BadZipFile, KeyError, SyntaxError, OSError, ValueError) as exc:
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
    except (zipfile.BadZipFile, KeyError, SyntaxError, OSError, ValueError) as exc:
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


def _elemen_baris(f: IO[bytes]) -> Iterator[Element]:
    """The `<row>` elements of a sheet, each once complete; dropped from the tree when the
    caller is done with it (the tree never holds more than one row)."""
    induk = None
    parser = XMLPullParser(events=("start", "end"))
    akhir = False
    while not akhir:
        isi = f.read(1 << 16)
        if isi:
            parser.feed(isi)
        else:
            parser.close()
            akhir = True
        for ev, el in parser.read_events():
            if ev == "start":
                if el.tag == _SHEETDATA:
                    induk = el
                continue
            if el.tag == _ROW:
                yield el
                if induk is not None:
                    induk.clear()
                else:
                    el.clear()


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
    kosong = (None,) * maks_kolom if maks_kolom else ()
    kolom_ref: dict[str, int] = {}
    C, V, IS = _C, _V, _IS
    nomor = 0  # the row counter of the sheet (row elements without r count on)
    berikut = 1  # the next row number to hand out
    batas_baris = None if maks_baris is None else maks_baris + 1  # with the header row
    try:
        with arsip.open(info) as f:
            for el in _elemen_baris(f):
                r = el.get("r")
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
                    break
                if batas_baris is not None and nomor > batas_baris:
                    raise BerkasXlsxSalah(
                        f"Berkas berisi lebih dari {maks_baris} baris; "
                        f"paling banyak {maks_baris} baris."
                    )
                sel: list[tuple[int, Any]] = []
                k = 0
                for c in el:
                    if c.tag != C:
                        continue
                    ref = c.get("r")
                    if ref:
                        huruf = ref.rstrip("0123456789")
                        k = kolom_ref.get(huruf) or kolom_ref.setdefault(
                            huruf, nomor_kolom(huruf)
                        )
                    else:
                        k += 1
                    t = c.get("t", "n")
                    if t == "inlineStr":
                        anak = c.find(IS)
                        sel.append((k, None if anak is None else _teks_kaya(anak)))
                        continue
                    v = c.findtext(V) or None
                    if v is not None:
                        if t == "n":
                            v = _angka(v)
                            s = c.get("s")
                            if s and int(s) in gaya_tanggal:
                                try:
                                    v = _dari_excel(v, epoch, int(s) in gaya_durasi)
                                except (OverflowError, ValueError):
                                    v = "#VALUE!"
                        elif t == "s":
                            v = strings[int(v)]
                        elif t == "b":
                            v = bool(int(v))
                        elif t == "d":
                            v = datetime.fromisoformat(v.rstrip("Z"))
                    sel.append((k, v))
                if nomor < berikut:
                    continue  # a row number seen already: openpyxl skips it too
                while berikut < nomor:
                    berikut += 1
                    yield kosong
                berikut += 1
                lebar = maks_kolom or (sel[-1][0] if sel else 0)
                if not lebar:
                    yield ()
                    continue
                row = [None] * lebar
                for k, v in sel:
                    if 1 <= k <= lebar:
                        row[k - 1] = v
                yield tuple(row)
    except BerkasXlsxSalah:
        raise
    except (zipfile.BadZipFile, SyntaxError, OSError, ValueError, IndexError) as exc:
        raise BerkasXlsxSalah(f"Berkas tidak dapat dibaca sebagai xlsx ({exc}).") from exc
