"""Journey: HR opens the vacancies of a unit, asks for candidates, places the top one, and
the peta jabatan shows them in the position."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from jabatan.models import JenisPenempatan
from jabatan.services import PenempatanMasukan, penempatan_buat
from tests.factories import PASSWORD, PegawaiFactory, UnitKerjaFactory, admin_bkd
from tests.jabatan.factories import FormasiFactory, JabatanFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_hr_mengisi_lowongan_dengan_kandidat_teratas(page: Page, live_server):
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    p2p = UnitKerjaFactory(kode="DISKES-P2P", nama="Bidang P2P", parent=diskes)
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    epid = JabatanFactory(
        nama="Epidemiolog Kesehatan Ahli Pertama",
        pendidikan_minimal="S1",
        jurusan="Kesehatan Masyarakat; Epidemiologi",
        golongan_minimal="III/a",
    )
    guru = JabatanFactory(nama="Guru Ahli Pertama")
    FormasiFactory(unit_kerja=p2p, jabatan=epid, kebutuhan=1)
    FormasiFactory(unit_kerja=disdik, jabatan=guru, kebutuhan=2)
    siti = PegawaiFactory(
        nama="Siti Rahmawati",
        unit_kerja=disdik,
        golongan="III/b",
        tanggal_lahir=date(1990, 2, 2),
        pendidikan_jenjang="S1",
        pendidikan_jurusan="Kesehatan Masyarakat",
    )
    penempatan_buat(
        masukan=PenempatanMasukan(
            pegawai=siti,
            jabatan=guru,
            unit_kerja=disdik,
            jenis=JenisPenempatan.PENGANGKATAN,
            nomor_sk="1/2020",
            tmt=date(2020, 1, 2),
        ),
        oleh=None,
    )
    PegawaiFactory(
        nama="Andi Pratama",
        unit_kerja=p2p,
        golongan="III/a",
        pendidikan_jenjang="S1",
        pendidikan_jurusan="Akuntansi",
    )
    admin_bkd("admin.bkd")

    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("admin.bkd")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()

    # The vacancies of Dinas Kesehatan.
    page.goto("/jabatan/lowongan/")
    # The unit picker: typing offers the matching units (with their parent path).
    pemilih = page.get_by_role("combobox", name="Unit kerja")
    pemilih.press_sequentially("kesehatan")
    opsi = page.get_by_role("option", name=re.compile("Dinas Kesehatan"))
    expect(opsi).to_be_visible()
    pemilih.press("ArrowDown")
    expect(opsi).to_have_attribute("aria-selected", "true")
    pemilih.press("Enter")
    expect(pemilih).to_have_value("Dinas Kesehatan [DISKES]")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("combobox", name="Unit kerja")).to_have_value(
        "Dinas Kesehatan [DISKES]"
    )
    baris = page.get_by_role("row").filter(has_text="Epidemiolog Kesehatan Ahli Pertama")
    expect(baris).to_contain_text("Lowong")
    baris.get_by_role("link", name="Cari kandidat").click()

    # Candidates: the health graduate first, with the reasons in words.
    expect(
        page.get_by_role("heading", name="Kandidat Epidemiolog Kesehatan Ahli Pertama")
    ).to_be_visible()
    pertama = page.get_by_role("table", name="Kandidat").get_by_role("row").nth(1)
    expect(pertama).to_contain_text("Siti Rahmawati")
    expect(pertama).to_contain_text("Pendidikan 100/100")
    pertama.get_by_role("link", name="Tempatkan Siti Rahmawati").click()

    # The placement form, prefilled from the candidate row.
    expect(page.get_by_role("heading", name="Penempatan Pegawai")).to_be_visible()
    expect(page.get_by_label("NIP pegawai")).to_have_value(siti.nip)
    page.get_by_label("Jenis penempatan").select_option(label="Mutasi")
    page.get_by_label("Nomor SK").fill("821/15/BKD/2024")
    page.get_by_label("Tanggal SK").fill("2024-02-20")
    page.get_by_label("TMT").fill("2024-03-01")
    page.get_by_role("button", name="Simpan penempatan").click()

    # The peta jabatan of the unit shows her in the position; no vacancy left there.
    expect(page).to_have_url(re.compile(r"/jabatan/peta/DISKES-P2P/$"))
    expect(page.get_by_text("Siti Rahmawati ditempatkan sebagai Epidemiolog")).to_be_visible()
    baris = page.get_by_role("row").filter(has_text="Epidemiolog Kesehatan Ahli Pertama")
    expect(baris).to_contain_text("Siti Rahmawati")
    expect(baris).to_contain_text("Sesuai")
