"""Journey: HR creates a session and registers participants in the admin; the survey job
emails a participant a one-time link; she answers the reaction survey from it on her phone;
HR sees her answer on the results page."""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from pelatihan.models import Peserta, Sesi
from tests.factories import PASSWORD, PegawaiFactory, UnitKerjaFactory, admin_bkd
from tests.pelatihan.factories import PelatihanFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _data_awal_pelatihan():
    """The default survey templates come from a data migration; an earlier transactional
    test's flush removes them, so put them back (the migration's own function, idempotent)."""
    import_module("pelatihan.migrations.0002_data_awal").isi(django_apps, None)


def pilih_autocomplete(page: Page, select_id: str, cari: str, pilihan: str) -> None:
    """Pick an option in a Django admin autocomplete (select2) field."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(cari)
    page.locator(".select2-results__option", has_text=pilihan).first.click()


def test_hr_mendaftarkan_peserta_lalu_survei_dijawab_dari_email(
    page: Page, phone_page: Page, live_server
):
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    siti = PegawaiFactory(nama="Siti Rahmawati", unit_kerja=diskes, email="siti@example.go.id")
    PegawaiFactory(nama="Andi Pratama", unit_kerja=diskes, email="andi@example.go.id")
    PelatihanFactory(kode="EPI", nama="Bimtek Surveilans Epidemiologi", jp=24)
    admin_bkd("hr.bkd")
    hari_ini = timezone.localdate()

    # HR: sign in, create the session, register two participants in the inline.
    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("hr.bkd")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto("/admin/pelatihan/sesi/add/")
    pilih_autocomplete(page, "id_pelatihan", "Surveilans", "Bimtek Surveilans Epidemiologi")
    page.get_by_label("Kode sesi").fill("EPI-2026-01")
    page.get_by_label("Tanggal mulai").fill(f"{hari_ini - timedelta(days=2):%d-%m-%Y}")
    page.get_by_label("Tanggal selesai").fill(f"{hari_ini:%d-%m-%Y}")
    page.get_by_label("Tempat atau tautan").fill("BPSDM Provinsi Lampung")
    page.get_by_label("Kuota peserta").fill("20")
    pilih_autocomplete(page, "id_peserta-0-pegawai", "Siti", "Siti Rahmawati")
    pilih_autocomplete(page, "id_peserta-1-pegawai", "Andi", "Andi Pratama")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("berhasil ditambahkan")
    sesi = Sesi.objects.get(kode="EPI-2026-01")
    assert Peserta.objects.filter(sesi=sesi, status="TERDAFTAR").count() == 2

    # The daily job (what beat runs) invites both participants by email.
    call_command("kirim_survei_pelatihan", "--tanggal", hari_ini.isoformat())
    email = next(m for m in mail.outbox if m.to == [siti.email])
    tautan = re.search(r"https?://\S+(/pelatihan/survei/t/\S+/)", email.body).group(1)

    # Siti answers on her phone, without signing in.
    phone_page.goto(tautan)
    expect(phone_page.get_by_role("heading", name="Reaksi")).to_be_visible()
    for grup in phone_page.locator("fieldset.skala").all():
        grup.get_by_label("5 – sangat baik").check()
    phone_page.get_by_label("Saran untuk perbaikan").fill("Tambah praktik lapangan.")
    phone_page.get_by_role("button", name="Kirim jawaban").click()
    expect(phone_page.get_by_text("Jawaban survei Bimtek Surveilans Epidemiologi")).to_be_visible()
    phone_page.goto(tautan)  # the link works once
    expect(phone_page.get_by_text("sudah dipakai")).to_be_visible()

    # HR: the results page shows her answer.
    page.goto(f"/pelatihan/sesi/{sesi.pk}/hasil-survei/")
    expect(page.get_by_text("1 dari 2 responden menjawab (50%)")).to_be_visible()
    expect(page.get_by_text("Tambah praktik lapangan.")).to_be_visible()
    expect(page.locator("[data-testid^=rata-]").first).to_have_text("5,00")
