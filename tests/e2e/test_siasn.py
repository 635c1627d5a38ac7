"""Journey: a supervisor finalises the annual appraisal in the browser; the outbox delivers
it to the (simulated) SIASN exactly once; HR sees it sent, then accepts a golongan
difference that reconciliation found, and the employee is updated with history."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD
from tests.kinerja.factories import buat_org
from tests.siasn.conftest import pasang_siasn
from tests.siasn.simulator import Simulator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def siasn(settings):
    sim = Simulator().mulai()
    pasang_siasn(settings, sim.url)
    yield sim
    sim.berhenti()


def masuk(page: Page, username: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()


def test_penilaian_dari_peramban_sampai_di_siasn_sekali_dan_selisih_diterima(
    page: Page, siasn, live_server
):
    org = buat_org()
    siasn.tanam_pns(org.staf1.nip, id="pns-staf1", golRuangAkhir="III/c",
                    tmtGolAkhir="01-04-2026", unorNama="Dinas Kesehatan")  # fmt: skip
    tahun = str(timezone.localdate().year)

    # 1. The supervisor scores the year in the browser.
    masuk(page, org.kabid.nip)
    page.goto(f"/kinerja/penilaian/baru/{org.staf1.nip}/?periode={tahun}")
    page.get_by_label("Rating hasil kerja").select_option("DI_ATAS")
    page.get_by_label("Rating perilaku kerja").select_option("SESUAI")
    page.get_by_label("Umpan balik").fill("Target tahunan tercapai.")
    page.get_by_role("button", name="Simpan Penilaian").click()
    expect(page.get_by_text(f"Penilaian {org.staf1.nama} tersimpan.")).to_be_visible()

    # 2. Delivery runs (the command, then again as the periodic sweep would).
    call_command("siasn_kirim")
    call_command("siasn_kirim")
    [skp] = siasn.tersimpan("skp22", org.staf1.nip)
    assert (skp["tahun"], skp["hasilKinerjaNilai"], skp["kuadranKinerjaNilai"]) == (
        int(tahun), 1, 2,
    )  # fmt: skip
    assert len(siasn.permintaan("POST", "skp22/save")) == 1

    # 3. HR of the unit sees it sent, on the home page and on the SIASN page.
    page.context.clear_cookies()
    masuk(page, org.op_diskes.username)
    expect(page.get_by_role("heading", name="Sinkronisasi SIASN")).to_be_visible()
    page.get_by_role("link", name="Buka halaman SIASN").click()
    terkirim = page.locator("section").filter(
        has=page.get_by_role("heading", name="Terkirim terakhir")
    )
    expect(terkirim.get_by_text(f"Penilaian kinerja {tahun}: Baik")).to_be_visible()
    expect(terkirim.get_by_text(skp["id"])).to_be_visible()

    # 4. Reconciliation finds the golongan BKN has; HR accepts it.
    call_command("siasn_cocokkan", "--unit", "DISKES")
    page.reload()
    page.get_by_role("button", name=f"Terima golongan SIASN untuk {org.staf1.nama}").click()
    expect(
        page.get_by_text(f"Data golongan {org.staf1.nama} diperbarui mengikuti SIASN.")
    ).to_be_visible()
    expect(page.get_by_text("Tidak ada selisih data yang perlu diputuskan.")).to_be_visible()
    org.staf1.refresh_from_db()
    assert org.staf1.golongan == "III/c"
    assert org.staf1.history.first().history_user == org.op_diskes
