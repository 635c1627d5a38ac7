"""Journey: HR (Admin BKD) reads the periodic jobs in words and moves one to working days."""

from __future__ import annotations

import pytest
from django_celery_beat.models import PeriodicTask
from playwright.sync_api import Page, expect

from asn_hr.jadwal import jadwal_kata
from tests.factories import PASSWORD, admin_bkd

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_hr_mengubah_jadwal_tanpa_sintaks_cron(page: Page, live_server):
    from tests.test_jadwal import tugas_cron

    tugas_cron("Rekap kinerja malam")
    admin_bkd("hr.bkd")
    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("hr.bkd")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.get_by_role("link", name="Tugas Berkala").click()
    baris = page.locator('tr[data-tugas="Rekap kinerja malam"]')
    expect(baris.locator("[data-jadwal]")).to_have_text("setiap hari pukul 01.30")
    expect(baris).to_contain_text("Belum pernah")
    baris.get_by_role("link", name="Ubah jadwal").click()

    page.get_by_label("Setiap hari kerja (Senin–Jumat)").check()
    page.get_by_label("Pukul (WIB)").fill("07:00")
    page.get_by_role("button", name="Simpan jadwal").click()
    expect(page.get_by_text("sekarang setiap hari kerja (Senin–Jumat) pukul 07.00")).to_be_visible()
    expect(baris.locator("[data-jadwal]")).to_have_text(
        "setiap hari kerja (Senin–Jumat) pukul 07.00"
    )
    assert jadwal_kata(PeriodicTask.objects.get(name="Rekap kinerja malam")).endswith("07.00")
