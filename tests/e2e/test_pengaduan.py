"""Journey: a citizen files a complaint on a phone and tracks it; the unit's operator routes
and answers it on the staff page; the citizen sees the answer on the tracking page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from pengaduan.models import Pengaduan
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import PASSWORD, UnitKerjaFactory, operator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_warga_melapor_di_ponsel_petugas_menjawab_warga_melihat_jawaban(
    phone_page: Page, browser: Browser, live_server
):
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    UnitKerjaFactory(kode="DISKES-YANKES", nama="Bidang Pelayanan Kesehatan", parent=diskes)
    operator(diskes, username="operator.diskes")

    # --- The citizen, on a phone --------------------------------------------------------------
    warga = phone_page
    warga.goto("/pengaduan/")
    warga.get_by_role("link", name="Buat laporan").click()
    expect(warga.get_by_role("heading", name="Buat Laporan")).to_be_visible()
    warga.get_by_label("Pengaduan", exact=True).check()
    # The unit picker: type, then tap a suggestion.
    warga.get_by_label("Layanan atau unit kerja yang dituju").press_sequentially("dinas kes")
    warga.get_by_role("option", name=re.compile("Dinas Kesehatan")).tap()
    expect(warga.get_by_label("Layanan atau unit kerja yang dituju")).to_have_value(
        "Dinas Kesehatan [DISKES]"
    )
    warga.get_by_label("Judul").fill("Loket rujukan tutup sebelum jam layanan")
    warga.get_by_label("Isi laporan").fill("Hari Senin loket sudah tutup pukul 10.00.")
    warga.get_by_label("Nama", exact=True).fill("Rina Marlina")
    warga.get_by_label("Rahasiakan identitas saya").check()
    assert warga.evaluate("document.documentElement.scrollWidth") <= 390
    warga.get_by_role("button", name="Kirim laporan").click()

    expect(warga.get_by_role("heading", name="Lacak Laporan")).to_be_visible()
    kode = Pengaduan.objects.get().kode
    expect(warga.get_by_text(f"Simpan kode pelacakan {kode}")).to_be_visible()
    expect(warga.locator("[data-status]")).to_have_text("Diterima")
    expect(warga.get_by_text("Dirahasiakan")).to_be_visible()
    assert "Rina Marlina" not in warga.content()
    assert warga.evaluate("document.documentElement.scrollWidth") <= 390

    # Later, tracking by the code typed by hand (lower case, with a space).
    warga.goto("/pengaduan/")
    warga.get_by_label("Kode pelacakan").fill(f"{kode[:5].lower()} {kode[5:]}")
    warga.get_by_role("button", name="Lacak").click()
    expect(warga).to_have_url(re.compile(f"/pengaduan/lacak/{kode}/$"))
    expect(warga.get_by_text("Belum ada tanggapan.")).to_be_visible()

    # --- The unit's operator, on a desktop ------------------------------------------------------
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    staf = context.new_page()
    staf.goto("/masuk/?next=/pengaduan/staf/")
    staf.get_by_label("NIP atau nama pengguna").fill("operator.diskes")
    staf.get_by_label("Kata sandi").fill(PASSWORD)
    staf.get_by_role("button", name="Masuk").click()
    expect(staf.get_by_role("heading", name="Triase Pengaduan")).to_be_visible()
    staf.get_by_role("link", name=kode).click()
    expect(staf.get_by_text("Rina Marlina")).to_be_visible()  # handling staff know who

    staf.get_by_label("Ubah status menjadi").select_option(
        label="Diverifikasi dan diteruskan ke unit"
    )
    # Typed whole, without choosing a suggestion: resolved by its exact name on the server.
    staf.get_by_label("Unit kerja tujuan (disposisi)").fill("Bidang Pelayanan Kesehatan")
    staf.get_by_label("Isi tanggapan").fill("Diteruskan ke Bidang Pelayanan Kesehatan.")
    staf.get_by_role("button", name="Simpan tanggapan").click()
    expect(staf.get_by_text("Tanggapan tersimpan.")).to_be_visible()
    expect(staf.locator(".page-head [data-status]")).to_have_text(
        "Diverifikasi dan diteruskan ke unit"
    )

    staf.get_by_label("Ubah status menjadi").select_option(label="Ditindaklanjuti")
    staf.get_by_label("Isi tanggapan").fill("Mulai hari ini loket rujukan buka sampai 15.00.")
    staf.get_by_role("button", name="Simpan tanggapan").click()
    expect(staf.locator(".page-head [data-status]")).to_have_text("Ditindaklanjuti")

    staf.get_by_label("Isi tanggapan").fill("Catatan internal: petugas loket ditegur.")
    staf.get_by_label("Tampilkan kepada pelapor").uncheck()
    staf.get_by_role("button", name="Simpan tanggapan").click()
    expect(staf.get_by_text("catatan internal", exact=True)).to_be_visible()
    context.close()

    # --- The citizen sees the answer, not the internal note ----------------------------------
    warga.reload()
    expect(warga.locator("[data-status]")).to_have_text("Ditindaklanjuti")
    expect(warga.get_by_text("Mulai hari ini loket rujukan buka sampai 15.00.")).to_be_visible()
    expect(warga.get_by_text("Ditangani oleh")).to_be_visible()
    assert "petugas loket ditegur" not in warga.content()
    assert "operator.diskes" not in warga.content()


def test_warga_kena_batas_isian_tetap_ada_dan_tahu_berapa_lama_menunggu(phone_page: Page, settings):
    UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    # One accepted complaint per hour from this address (refused attempts do not count).
    settings.PENGADUAN_BATAS_LAJU = {"pengaduan": (1, 3600), "pengaduan-upaya": (50, 3600)}
    warga = phone_page

    def isi(judul: str, isi_laporan: str) -> None:
        warga.goto("/pengaduan/ajukan/")
        warga.get_by_label("Judul").fill(judul)
        warga.get_by_label("Isi laporan").fill(isi_laporan)

    # A refused attempt (no text), then the first accepted complaint.
    isi("", "Tanpa judul")
    warga.get_by_role("button", name="Kirim laporan").click()
    expect(warga.locator(".field--error")).to_have_count(1)
    warga.get_by_label("Judul").fill("Antrean panjang")
    warga.get_by_role("button", name="Kirim laporan").click()
    expect(warga.get_by_role("heading", name="Lacak Laporan")).to_be_visible()

    # The second is held back: the typed text is still there, with the wait in minutes.
    isi("Loket kedua tutup", "Teks panjang yang saya ketik di ponsel di jalan.")
    warga.get_by_role("button", name="Kirim laporan").click()
    expect(warga.locator("#pesan-ditahan")).to_contain_text("coba lagi dalam 60 menit")
    expect(warga.get_by_label("Judul")).to_have_value("Loket kedua tutup")
    expect(warga.get_by_label("Isi laporan")).to_have_value(
        "Teks panjang yang saya ketik di ponsel di jalan."
    )
    assert Pengaduan.objects.count() == 1


def test_foto_terlalu_besar_ditolak_sebelum_diunggah(phone_page: Page, settings, tmp_path):
    settings.PENGADUAN_LAMPIRAN_MAKS = 1024 * 1024
    warga = phone_page
    warga.goto("/pengaduan/ajukan/")
    besar = tmp_path / "foto.jpg"
    besar.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * (2 * 1024 * 1024))
    warga.get_by_label("Lampiran (bila ada)").set_input_files(besar)
    expect(warga.locator("#id_lampiran_galat")).to_contain_text("paling besar 1 MB")
    assert warga.evaluate("document.getElementById('id_lampiran').files.length") == 0
    salah = tmp_path / "catatan.txt"
    salah.write_text("bukan foto")
    warga.get_by_label("Lampiran (bila ada)").set_input_files(salah)
    expect(warga.locator("#id_lampiran_galat")).to_contain_text("bukan foto JPEG/PNG")
    # Anonymous: the contact fields are switched off and say why.
    warga.get_by_label("Kirim sebagai anonim").check()
    expect(warga.get_by_label("Email", exact=True)).to_be_disabled()
    expect(warga.get_by_role("checkbox", name="Kirim sebagai anonim", exact=True)).to_be_checked()
    expect(warga.locator("#id_anonim_catatan")).to_contain_text("tidak dikirim")
