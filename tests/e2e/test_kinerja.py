"""Journey: an ASN files a daily report on a phone; the supervisor approves it from the
queue and scores the quarter; the ASN sees the predikat and accepts it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD
from tests.kinerja.factories import buat_org

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _jam_sekarang_malam(monkeypatch):
    """Reports for today may not end after now: the journey files at fixed hours, so the
    live server (same process) sees "now" as the end of the day."""
    from datetime import time

    from kinerja.services import laporan

    monkeypatch.setattr(laporan, "jam_sekarang", lambda: time(23, 59))


def masuk(page: Page, username: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()


def test_lapor_setujui_nilai_lihat_predikat(phone_page: Page, page: Page, live_server):
    org = buat_org()
    asn, atasan = phone_page, page

    # 1. The ASN files a report on a phone: the only RHK is preselected, today is the default.
    masuk(asn, org.staf1.nip)
    asn.goto("/kinerja/")
    expect(asn.get_by_role("heading", name="Laporan Harian")).to_be_visible()
    asn.get_by_label("Uraian kegiatan").fill("Menyusun laporan surveilans DBD minggu ke-12")
    asn.get_by_label("Jam mulai").fill("08:00")
    asn.get_by_label("Jam selesai").fill("10:00")
    asn.get_by_label("Kuantitas output").fill("2")
    asn.get_by_role("button", name="Kirim Laporan").click()
    expect(asn.get_by_text("Laporan tersimpan dan diajukan ke atasan.")).to_be_visible()
    laporan = asn.locator(".laporan-item").filter(has_text="surveilans DBD")
    expect(laporan.get_by_text("Diajukan")).to_be_visible()
    assert asn.evaluate("document.documentElement.scrollWidth") <= 390

    # An overlapping second report is refused with a clear message on the field.
    asn.get_by_label("Uraian kegiatan").fill("Rapat")
    asn.get_by_label("Jam mulai").fill("09:00")
    asn.get_by_label("Jam selesai").fill("09:30")
    asn.get_by_role("button", name="Kirim Laporan").click()
    expect(asn.get_by_text("bertumpang tindih dengan laporan lain")).to_be_visible()

    # 2. The supervisor approves it from the queue (tick, approve many).
    masuk(atasan, org.kabid.nip)
    atasan.goto("/kinerja/antrian/")
    expect(atasan.get_by_text("Menyusun laporan surveilans DBD minggu ke-12")).to_be_visible()
    atasan.get_by_label("Pilih semua").check()
    atasan.get_by_role("button", name="Setujui yang dipilih").click()
    expect(atasan.get_by_text("1 laporan disetujui.")).to_be_visible()
    expect(atasan.get_by_text("Tidak ada laporan yang menunggu.")).to_be_visible()

    # ... and scores the quarter: realisation comes prefilled from the approved report.
    atasan.goto("/kinerja/bawahan/")
    atasan.get_by_role("link", name=f"Nilai {org.staf1.nama}").click()
    expect(atasan.get_by_label("Realisasi: Laporan surveilans", exact=True)).to_have_value(
        re.compile(r"^2(\.00)?$")
    )
    atasan.get_by_label("Rating hasil kerja").select_option("DI_ATAS")
    atasan.get_by_label("Rating perilaku kerja").select_option("DI_ATAS")
    atasan.get_by_label("Catatan Akuntabel").fill("Laporan selalu tepat waktu")
    atasan.get_by_label("Umpan balik").fill("Pertahankan; bagikan cara kerja ke tim.")
    atasan.get_by_role("button", name="Simpan Penilaian").click()
    expect(atasan.get_by_text(f"Penilaian {org.staf1.nama} tersimpan.")).to_be_visible()
    expect(atasan.locator(".predikat")).to_contain_text("Sangat Baik")

    # 3. The ASN sees the predikat on the phone and accepts it.
    asn.goto("/kinerja/penilaian/")
    asn.get_by_role("link", name=f"{org.staf1.nama}").click()
    expect(asn.locator(".predikat")).to_contain_text("Sangat Baik")
    expect(asn.get_by_text("Laporan selalu tepat waktu")).to_be_visible()
    asn.get_by_role("button", name="Terima Penilaian").click()
    expect(asn.get_by_text("Terima kasih, penilaian telah Anda terima.")).to_be_visible()
    assert asn.evaluate("document.documentElement.scrollWidth") <= 390
