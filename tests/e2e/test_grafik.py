"""The charts in a real browser: drawn (SVG, no script), named for screen readers, readable on
a phone without sideways scrolling of the page, the numbers still in a table."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import UnitKerjaFactory
from tests.pengaduan.factories import SurveiFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_grafik_ikm_di_ponsel(phone_page: Page):
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    SurveiFactory(unit_kerja=diskes, **{f"u{i}": 3 for i in range(1, 10)})
    SurveiFactory(unit_kerja=disdik, **{f"u{i}": 4 for i in range(1, 10)})

    phone_page.goto("/pengaduan/ikm/")
    grafik = phone_page.get_by_role("img", name="IKM perangkat daerah")
    expect(grafik).to_be_visible()
    assert "Dinas Kesehatan: 75,00 (C)" in grafik.get_attribute("aria-label")
    kotak = grafik.bounding_box()
    assert kotak is not None and kotak["width"] <= 390 and kotak["height"] > 20
    assert phone_page.locator("svg[role=img] rect.grafik-batang__isi").count() == 2
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

    phone_page.get_by_role("link", name="Dinas Kesehatan").click()
    expect(phone_page.get_by_role("img", name="Nilai rata-rata per unsur")).to_be_visible()
    expect(phone_page.get_by_role("img", name="IKM Dinas Kesehatan per tahun")).to_be_visible()
    expect(phone_page.get_by_test_id("tabel-tren")).to_contain_text("3,000")
