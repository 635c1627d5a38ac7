"""The unit picker in a browser (issue 17): typing offers suggestions with their parent path,
the keyboard chooses one, the filter keeps it; the combobox passes axe while open; and the
dashboard's breakdown turns into stacked cards on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from inti import waktu
from kinerja.models import RekapUnitBulanan
from tests.e2e.test_aksesibilitas import konteks, masuk, pelanggaran
from tests.factories import UnitKerjaFactory
from tests.kinerja.factories import buat_org

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pemilih_unit_ketik_pilih_dan_tetap(browser: Browser, live_server):
    org = buat_org()
    UnitKerjaFactory(kode="DISKES-RUJ", nama="Bidang Rujukan", parent=org.diskes)
    page = konteks(browser, live_server)
    masuk(page, org.admin.username)
    page.goto("/pegawai/")
    pemilih = page.get_by_role("combobox", name="Unit kerja")
    pemilih.press_sequentially("rujuk")
    opsi = page.get_by_role("option", name=re.compile("Bidang Rujukan"))
    expect(opsi).to_contain_text("Dinas Kesehatan")  # the parent path
    expect(pemilih).to_have_attribute("aria-expanded", "true")
    assert pelanggaran(page) == []  # the open combobox and its list
    pemilih.press("ArrowDown")
    pemilih.press("Enter")
    expect(pemilih).to_have_value("Bidang Rujukan [DISKES-RUJ]")
    expect(pemilih).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"unit=Bidang\+Rujukan"))
    expect(page.get_by_role("combobox", name="Unit kerja")).to_have_value(
        "Bidang Rujukan [DISKES-RUJ]"
    )


def test_dasbor_kartu_bertumpuk_di_ponsel(browser: Browser, live_server):
    org = buat_org()
    bulan = waktu.hari_ini().replace(day=1)
    for unit in (org.diskes, org.disdik):
        RekapUnitBulanan.objects.create(unit_kerja=unit, bulan=bulan, jumlah_pegawai=3)
    page = konteks(browser, live_server, ponsel=True)
    masuk(page, org.admin.username)
    page.goto("/kinerja/dasbor/")
    sel = page.locator("#judul-rincian ~ .card table td[data-label='Pegawai']").first
    expect(sel).to_be_visible()
    assert sel.evaluate("td => getComputedStyle(td).display") == "block"
    assert pelanggaran(page) == []
