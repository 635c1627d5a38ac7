"""Journey: a supervisor opens a subordinate's career page and records a coaching session;
the employee, on her phone, sees the session and its JP on her career page."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pelatihan.models import CatatanJP
from tests.factories import PASSWORD, PegawaiFactory, UnitKerjaFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def masuk(page: Page, username: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def test_atasan_mencatat_coaching_pegawai_melihat_sesi_dan_jp(page: Page, phone_page: Page):
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    budi = PegawaiFactory(nama="Budi Santoso", unit_kerja=diskes)
    siti = PegawaiFactory(nama="Siti Rahmawati", unit_kerja=diskes, atasan=budi)
    hari_ini = timezone.localdate()

    # The supervisor: from Siti's career page to the session form.
    masuk(page, budi.nip)
    page.goto(f"/karier/pegawai/{siti.nip}/")
    page.get_by_role("link", name="Catat sesi coaching/mentoring").click()
    expect(page.get_by_label("Pegawai yang dibina")).to_have_value(str(siti.pk))
    page.get_by_label("Jenis sesi").select_option("COACHING")
    page.get_by_label("Tanggal sesi").fill(hari_ini.isoformat())
    page.get_by_label("Durasi (menit)").fill("90")
    page.get_by_label("Topik").fill("Analisis data surveilans mingguan")
    page.get_by_label("Tindakan yang disepakati").fill("Menyusun dasbor kasus per kabupaten")
    page.get_by_role("button", name="Simpan sesi").click()
    expect(page.locator(".alert-success")).to_contain_text("90 menit masuk JP nonklasikal")
    assert CatatanJP.objects.get(pegawai=siti, sumber="karier.coaching").jp == 2

    # The employee, on her phone.
    masuk(phone_page, siti.nip)
    phone_page.goto("/karier/")
    expect(phone_page.get_by_role("heading", name="Karier Saya")).to_be_visible()
    sesi = phone_page.get_by_role("region", name="Sesi coaching dan mentoring")
    expect(sesi).to_contain_text("Analisis data surveilans mingguan")
    expect(sesi).to_contain_text("Budi Santoso")
    expect(sesi).to_contain_text("Menyusun dasbor kasus per kabupaten")
    expect(phone_page.get_by_test_id("jp-total")).to_have_text("2")
    expect(phone_page.get_by_role("region", name=f"JP tahun {hari_ini.year}")).to_contain_text(
        "Coaching: Analisis data surveilans mingguan"
    )


def test_daftar_hr_berbaris_di_ponsel_tanpa_gulir_ke_samping(phone_page: Page):
    """The HR lists whose wide tables scroll inside their own box (kenaikan pangkat with its
    per-row status fields, JP, employees) leave the phone's page as wide as the screen: the
    visually hidden labels of the row fields must not stretch it (they did: 967 px)."""
    from tests.factories import admin_bkd, operator
    from tests.karier.test_kenaikan_pangkat import karier

    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    for nama in ("Andi Pratama", "Siti Rahmawati", "Budi Santoso"):
        karier(PegawaiFactory(nama=nama, unit_kerja=diskes))  # eligible: a status field per row
    operator(diskes, username="operator.diskes")
    admin_bkd()
    for pengguna in ("operator.diskes", "admin.bkd"):
        masuk(phone_page, pengguna)
        lebar = {}
        for url in ("/karier/kenaikan-pangkat/?semua=on", "/pelatihan/jp/", "/pegawai/"):
            phone_page.goto(url)
            expect(phone_page.get_by_role("cell", name="Siti Rahmawati").first).to_be_visible()
            if "kenaikan" in url:
                expect(phone_page.get_by_label("Status usulan Siti Rahmawati")).to_be_visible()
            lebar[url] = phone_page.evaluate(
                "Math.max(document.documentElement.scrollWidth, window.innerWidth)"
            )
        assert {u: w for u, w in lebar.items() if w > 390} == {}, pengguna
        phone_page.get_by_role("button", name="Keluar").click()
