"""The strict Content-Security-Policy (issue 16, item 8) breaks nothing a user sees: the main
pages, the admin (change form, the beat schedule form) and the API docs load in Chromium with
no CSP violation reported, and their scripts run (Swagger UI renders the operations)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, PegawaiFactory, UnitKerjaFactory, admin_bkd

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_halaman_utama_dimuat_tanpa_pelanggaran_csp(page: Page):
    pelanggaran: list[str] = []
    page.on(
        "console",
        lambda m: pelanggaran.append(m.text) if "Content Security Policy" in m.text else None,
    )
    pegawai = PegawaiFactory(unit_kerja=UnitKerjaFactory(kode="DISKES"))
    admin = admin_bkd()

    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(admin.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()

    for url in ["/profil/", "/pengaduan/", "/pengaduan/ajukan/", "/admin/",
                f"/admin/pegawai/pegawai/{pegawai.pk}/change/",
                "/admin/django_celery_beat/periodictask/add/"]:  # fmt: skip
        page.goto(url)
        page.wait_for_load_state("load")
    # The admin's own scripts ran (the related-object widgets are wired by admin JS).
    page.goto(f"/admin/pegawai/pegawai/{pegawai.pk}/change/")
    expect(page.locator("#id_unit_kerja")).to_be_visible()

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    assert pelanggaran == []
