"""The fast xlsx reader (`inti.xlsx.baris_xlsx`) returns exactly what openpyxl's read-only
mode returns: shared and inline strings, dates, numbers, booleans, text with leading zeros,
sparse cells, sheets with and without a dimension; and it refuses what goes past the caps
before parsing."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
import tablib
from openpyxl import Workbook, load_workbook

from inti.xlsx import BerkasXlsxSalah, baris_xlsx


def openpyxl_baca(isi: bytes) -> list[tuple]:
    buku = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    try:
        return [tuple(r) for r in buku.worksheets[0].iter_rows(values_only=True)]
    finally:
        buku.close()


def cepat_baca(isi: bytes, **batas) -> list[tuple]:
    return list(baris_xlsx(io.BytesIO(isi), **batas))


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def paket(sheet_data: str, *, dimensi: str | None = None, strings: list[str] | None = None,
          gaya: str | None = None, kedua: str | None = None) -> bytes:
    """A hand-made xlsx (as other writers make them): the sheet XML as given."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/'
            'sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        lembar = '<sheet name="Kedua" sheetId="2" r:id="rId2"/>' if kedua else ""
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0"?><workbook {NS} {NS_R}><sheets>'
            f'<sheet name="Pegawai" sheetId="1" r:id="rId1"/>{lembar}</sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/worksheet" '
            f'Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="{REL}/sharedStrings" '
            f'Target="sharedStrings.xml"/><Relationship Id="rId4" Type="{REL}/styles" '
            'Target="styles.xml"/></Relationships>'))
        dim = f'<dimension ref="{dimensi}"/>' if dimensi else ""
        z.writestr("xl/worksheets/sheet1.xml", (
            f'<?xml version="1.0"?><worksheet {NS} {NS_R}>{dim}<sheetData>{sheet_data}'
            '</sheetData></worksheet>'))
        z.writestr("xl/worksheets/sheet2.xml", (
            f'<?xml version="1.0"?><worksheet {NS}><sheetData>{kedua or ""}</sheetData>'
            '</worksheet>'))
        si = "".join(f"<si><t xml:space=\"preserve\">{s}</t></si>" for s in strings or [])
        z.writestr("xl/sharedStrings.xml", (
            f'<?xml version="1.0"?><sst {NS} count="{len(strings or [])}">{si}</sst>'))
        xf = "".join(f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"'
                     ' applyNumberFormat="1"/>' for n in (0, 14, 164, 49))
        z.writestr("xl/styles.xml", gaya or (
            f'<?xml version="1.0"?><styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" '
            'formatCode="dd\\-mm\\-yyyy"/></numFmts><fonts count="1"><font><sz val="11"/>'
            '</font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill>'
            '</fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf '
            'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="4">{xf}</cellXfs></styleSheet>'))
    return keluaran.getvalue()


BARIS_CAMPUR = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="inlineStr"><is><t>Tanggal Lahir</t></is></c><c r="D1" t="s"><v>2</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="inlineStr"><is><r><t>Budi </t></r>'
    '<r><t>Santoso</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>'
    '<c r="C2" s="1"><v>25569</v></c>'
    '<c r="D2" s="3" t="s"><v>4</v></c></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>  spasi  </t></is></c><c r="C3" s="2">'
    '<v>45000.5</v></c></row>'
    '<row r="5"><c r="B5"><v>12</v></c><c r="D5"><v>1.5E3</v></c></row>'
    '<row r="6"><c r="A6" t="b"><v>1</v></c><c r="B6" t="str"><f>A1</f><v>NIP</v></c>'
    '<c r="C6" t="e"><v>#N/A</v></c><c r="D6"><v></v></c></row>'
    '<row r="7"/>'
    '<row r="8"><c r="A8" t="inlineStr"><is><t></t></is></c><c r="B8" t="inlineStr"/></row>'
)
STRINGS = ["NIP", "Nama", "NIK", "198501012010011001", "0012345"]


@pytest.mark.parametrize("dimensi", [None, "A1:D8", "A1:F9", "A1:C4", "A1"])
def test_berkas_buatan_sama_dengan_openpyxl(dimensi):
    isi = paket(BARIS_CAMPUR, dimensi=dimensi, strings=STRINGS)
    assert cepat_baca(isi) == openpyxl_baca(isi)


def test_baris_tanpa_nomor_dan_sel_tanpa_referensi():
    isi = paket('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>'
                '<row><c r="C2"><v>3</v></c><c><v>4</v></c></row>')  # fmt: skip
    assert cepat_baca(isi) == openpyxl_baca(isi) == [("a", 2), (None, None, 3, 4)]


def test_lembar_pertama_saja():
    isi = paket('<row r="1"><c r="A1"><v>1</v></c></row>',
                kedua='<row r="1"><c r="A1"><v>2</v></c></row>')  # fmt: skip
    assert cepat_baca(isi) == openpyxl_baca(isi) == [(1,)]


def test_openpyxl_string_bersama_tanggal_dan_sel_kosong():
    buku = Workbook()
    lembar = buku.active
    lembar.append(["NIP", "Nama", "Tanggal Lahir", "TMT", "Gaji", "Aktif", "Catatan"])
    lembar.append(["001980", "Ani", date(1980, 1, 2), datetime(2020, 3, 4, 5, 6), 1234, True])
    lembar.append([None, "Budi", None, "01-04-2024", 1.25, False, None, None, "jauh"])
    lembar.append([])
    lembar.append(["0812", None, 44000, None, None, None, "akhir"])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    isi = keluaran.getvalue()
    hasil = cepat_baca(isi)
    assert hasil == openpyxl_baca(isi)
    assert hasil[1][:3] == ("001980", "Ani", datetime(1980, 1, 2))


def test_tablib_string_inline_seperti_berkas_bench():
    data = tablib.Dataset(headers=["NIP", "Nama", "Tanggal Lahir", "No HP"])
    data.append(["198501012010011001", "Ani", "01-02-1985", "08123"])
    data.append(["", "Budi", date(1990, 5, 6), 812345])
    isi = data.export("xlsx")
    assert cepat_baca(isi) == openpyxl_baca(isi)


def test_templat_pegawai_contoh_sama():
    from pegawai.services import DATA_DIR

    isi = (DATA_DIR / "pegawai_contoh.xlsx").read_bytes()
    assert cepat_baca(isi) == openpyxl_baca(isi)


def test_batas_ukuran_xml_ditolak_sebelum_dibaca():
    isi = paket(BARIS_CAMPUR, dimensi="A1:D8", strings=STRINGS)
    with pytest.raises(BerkasXlsxSalah, match="terlalu besar setelah dibuka"):
        baris_xlsx(io.BytesIO(isi), maks_xml=100)


def test_batas_baris_dari_dimensi_dan_saat_dibaca():
    baris = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 12))
    with pytest.raises(BerkasXlsxSalah, match="10 baris; paling banyak 5"):
        baris_xlsx(io.BytesIO(paket(baris, dimensi="A1:A11")), maks_baris=5)
    tanpa_dimensi = baris_xlsx(io.BytesIO(paket(baris)), maks_baris=5)
    with pytest.raises(BerkasXlsxSalah, match="lebih dari 5 baris"):
        list(tanpa_dimensi)
    assert len(cepat_baca(paket(baris), maks_baris=10)) == 11


def test_bukan_xlsx():
    with pytest.raises(BerkasXlsxSalah, match="tidak dapat dibaca"):
        baris_xlsx(io.BytesIO(b"PK bukan zip"))


@pytest.mark.django_db
def test_impor_berkas_tanpa_dimensi_melewati_batas_ditolak_utuh(unit_lampung):
    from pegawai.impor import KOLOM, baris_berkas, pegawai_import
    from pegawai.models import Pegawai

    kepala = "".join(f'<c t="inlineStr"><is><t>{k}</t></is></c>' for k in KOLOM)
    baris = "".join(f'<row><c t="inlineStr"><is><t>{i}</t></is></c></row>' for i in range(8))
    isi = paket(f"<row>{kepala}</row>{baris}")
    kesalahan, rows = baris_berkas(io.BytesIO(isi), "a.xlsx", maks_baris=5)
    hasil = pegawai_import(rows, oleh=None, kesalahan_awal=kesalahan)
    assert [str(k) for k in hasil.kesalahan] == [
        "Baris 1: Berkas berisi lebih dari 5 baris; paling banyak 5 baris."
    ]
    assert not Pegawai.objects.exists()


def paket_lembar(lembar: str, strings: str = "") -> bytes:
    """`paket`, with the whole sheet XML (and the shared strings) as given."""
    isi = io.BytesIO(paket("", strings=["-"]))
    keluaran = io.BytesIO()
    with zipfile.ZipFile(isi) as z, zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = lembar.encode()
            elif info.filename == "xl/sharedStrings.xml" and strings:
                data = strings.encode()
            baru.writestr(info.filename, data)
    return keluaran.getvalue()


M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_awalan_namespace_entitas_cdata_dan_spasi_sama_dengan_openpyxl():
    # A prefixed namespace, pretty-printed whitespace, entities and CDATA, a comment, a cell
    # with two <v> (the first counts), an inline string with a run of two <t> (the last counts)
    # and a phonetic run, a <t> with a child element (only the text before it counts), and
    # attributes in another order.
    lembar = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet xmlns:x="{M}">\n'
        '  <x:dimension ref="A1:E3"/>\n  <x:sheetData>\n'
        '    <x:row r="1">\n'
        '      <x:c r="A1" t="inlineStr"><x:is><x:t>A &amp; B &lt;C&gt; &#233;</x:t></x:is></x:c>\n'
        '      <x:c t="s" r="B1"><x:v>1</x:v></x:c>\n'
        '      <!-- komentar --><x:c r="C1"><x:v> 7 </x:v><x:v>8</x:v></x:c>\n'
        '      <x:c r="D1" t="inlineStr"><x:is><x:r><x:t>a</x:t><x:t>b</x:t></x:r>'
        '<x:r><x:rPr/><x:t xml:space="preserve"> c </x:t></x:r>'
        '<x:rPh sb="0" eb="1"><x:t>ふ</x:t></x:rPh></x:is></x:c>\n'
        '      <x:c r="E1" t="inlineStr"><x:is><x:t><![CDATA[<tidak> & tag]]></x:t></x:is></x:c>\n'
        '    </x:row>\n'
        '    <x:row r="3"><x:c r="A3" t="str"><x:f>A1</x:f><x:v>teks</x:v></x:c>'
        '<x:c r="B3" t="inlineStr"><x:is><x:t>depan<x:b/>belakang</x:t></x:is><x:v>9</x:v></x:c>'
        '<x:c r="C3" t="n"><x:is><x:t>abaikan</x:t></x:is></x:c></x:row>\n'
        '  </x:sheetData>\n</x:worksheet>\n'
    )
    strings = (f'<sst xmlns="{M}"><si><t>nol</t></si><si><r><t>sa</t></r><r><t>tu</t></r>'
               '<rPh sb="0" eb="1"><t>x</t></rPh></si><si><t>x005F_y</t></si></sst>')  # fmt: skip
    isi = paket_lembar(lembar, strings)
    assert cepat_baca(isi) == openpyxl_baca(isi)
    assert cepat_baca(isi)[0] == ("A & B <C> é", "satu", 7, "b c ", "<tidak> & tag")


def test_xml_rusak_ditolak_sebagai_berkas_salah():
    isi = paket_lembar(f'<worksheet xmlns="{M}"><sheetData><row r="1"><c r="A1"><v>1</v>'
                       '</c></row><row r="2"><c r="A2"><v>2</c></row></sheetData></worksheet>')
    baris = baris_xlsx(io.BytesIO(isi))
    with pytest.raises(BerkasXlsxSalah, match="tidak dapat dibaca"):
        list(baris)


def test_entitas_luar_ditolak_tidak_diambil():
    lembar = (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/hostname">'
              f']><worksheet xmlns="{M}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
              'a&x;</t></is></c></row></sheetData></worksheet>')  # fmt: skip
    with pytest.raises(BerkasXlsxSalah, match="tidak dapat dibaca"):
        cepat_baca(paket_lembar(lembar))
