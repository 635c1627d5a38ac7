"""Journey: HR logs in, imports pegawai_contoh.xlsx through the admin, sees the employees."""

from __future__ import annotations

from pathlib import Path

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


def test_hr_mengunduh_baris_salah_beserta_alasannya(page: Page, live_server, tmp_path):
    from io import BytesIO

    from tablib import Dataset

    unit_kerja_muat(rows=unit_csv_baca(DEFAULT_UNIT_CSV))
    admin_bkd("hr.bkd")
    data = Dataset().load((DATA / "pegawai_contoh.csv").read_text(), format="csv")
    rows = [list(r) for r in data][:5]
    rows[2][0] = "12345"  # sheet row 4: a bad NIP
    berkas = tmp_path / "pegawai_salah.csv"
    berkas.write_text(Dataset(*rows, headers=data.headers).export("csv"))

    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("hr.bkd")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto("/admin/pegawai/pegawai/import/")
    page.get_by_label("Berkas yang diimpor").set_input_files(berkas)
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Kirim").click()

    # The reason is printed under the row, visible without hovering.
    expect(page.get_by_role("heading", name="Baris yang salah")).to_be_visible()
    expect(page.locator("tr.impor-alasan")).to_contain_text("NIP harus 18 digit")
    expect(page.locator("tr.impor-alasan").first).to_be_visible()

    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh berkas beserta kolom Alasan (xlsx)").click()
    isi = Path(unduhan.value.path()).read_bytes()
    hasil = Dataset().load(BytesIO(isi).read(), format="xlsx")
    assert hasil.headers[-1] == "Alasan" and len(hasil) == 5
    assert "NIP harus 18 digit" in hasil[2][-1]
    assert all(not r[-1] for i, r in enumerate(hasil) if i != 2)  # good rows: no reason
    assert Pegawai.objects.count() == 0
