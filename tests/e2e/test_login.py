"""Journey: an employee logs in with their NIP on a phone, sees their dashboard, logs out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, PegawaiFactory, UnitKerjaFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pegawai_masuk_dengan_nip_di_ponsel_lalu_keluar(phone_page: Page, live_server):
    page = phone_page
    unit = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    pegawai = PegawaiFactory(
        nama="Siti Rahmawati", gelar_belakang="S.Kep", unit_kerja=unit, nama_jabatan="Perawat"
    )
    nip = pegawai.nip

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/masuk/\?next=/$"))
    expect(page.get_by_role("link", name="Lupa kata sandi?")).to_be_visible()

    # The NIP as people copy it from an SK, with spaces.
    page.get_by_label("NIP atau nama pengguna").fill(f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()
    expect(page.get_by_role("heading", name="Siti Rahmawati, S.Kep")).to_be_visible()
    expect(page.get_by_text(nip, exact=True)).to_be_visible()
    expect(page.get_by_text("Dinas Kesehatan")).to_be_visible()

    # Mobile-first: nothing wider than the phone screen.
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390

    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(f"{live_server.url}/masuk/")
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()
    page.goto("/profil/")
    expect(page).to_have_url(re.compile(r"/masuk/\?next=/profil/$"))


def test_kata_sandi_salah_di_ponsel(phone_page: Page, live_server):
    page = phone_page
    pegawai = PegawaiFactory()
    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(pegawai.nip)
    page.get_by_label("Kata sandi").fill("bukan-kata-sandinya")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_have_text("NIP/nama pengguna atau kata sandi salah.")
    expect(page).to_have_url(f"{live_server.url}/masuk/")
