"""Journey: HR logs in, imports pegawai_contoh.xlsx through the admin, sees the employees."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pegawai.models import Pegawai
from pegawai.services import DATA_DIR, DEFAULT_UNIT_CSV, unit_csv_baca, unit_kerja_muat
from tests.factories import PASSWORD, admin_bkd

DATA = DATA_DIR
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_hr_mengimpor_pegawai_contoh_lewat_admin(page: Page, live_server):
    unit_kerja_muat(rows=unit_csv_baca(DEFAULT_UNIT_CSV))
    admin_bkd("hr.bkd")

    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("hr.bkd")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto("/admin/pegawai/pegawai/")
    page.get_by_role("link", name="Impor").click()
    page.get_by_label("Berkas yang diimpor").set_input_files(DATA / "pegawai_contoh.xlsx")
    page.get_by_label("Format").select_option(label="xlsx")
    page.get_by_role("button", name="Kirim").click()

    # The preview: every row new, nothing saved yet.
    expect(page.get_by_role("heading", name="Pratinjau")).to_be_visible()
    expect(page.locator("tr.new")).to_have_count(228)
    assert Pegawai.objects.count() == 0

    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.get_by_text("Impor selesai: 228 baru")).to_be_visible()
    expect(page.locator("p.paginator")).to_contain_text("228 pegawai")

    page.get_by_role("searchbox").fill("Desi Anggraini")
    page.keyboard.press("Enter")
    baris = page.get_by_role("row").filter(has_text="198807172010092001")
    expect(baris).to_contain_text("Desi Anggraini, S.Tr.")
    expect(baris).to_contain_text("Sekretariat Daerah Provinsi Lampung")
    assert Pegawai.objects.count() == 228
