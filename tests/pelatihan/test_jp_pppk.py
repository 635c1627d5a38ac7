"""PPPK JP (PP 49/2018 Pasal 40(1), "paling lama 24 JP"): a ceiling, not a target. The
compliance page, API and CSV never report a PPPK as short; they flag those above 24.
PNS: at least 20 JP. On the bound, one under, one over, for each."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from pelatihan import rules, selectors
from pelatihan.models import CatatanJP
from tests.factories import PegawaiFactory

URL = "/api/v1/pelatihan/jp/"
URL_HALAMAN = "/pelatihan/jp/"


def _jp(pegawai, jumlah):
    CatatanJP.objects.create(
        pegawai=pegawai, tanggal="2026-03-01", jenis="E_LEARNING", uraian="Uji",
        sumber="pelatihan.manual", sumber_id=f"uji-{pegawai.pk}", jp=jumlah,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("pppk", "jp", "memenuhi", "melebihi", "kekurangan"),
    [
        (False, 19, False, False, 1),
        (False, 20, True, False, 0),
        (False, 21, True, False, 0),
        (False, 40, True, False, 0),  # PNS: no ceiling
        (True, 0, True, False, 0),  # PPPK: never short
        (True, 20, True, False, 0),
        (True, 23, True, False, 0),
        (True, 24, True, False, 0),  # on the ceiling: within "paling lama 24 JP"
        (True, 25, True, True, 0),
    ],
)
def test_batas_lewat_api(client, org, pppk, jp, memenuhi, melebihi, kekurangan):
    p = PegawaiFactory(pppk=pppk, unit_kerja=org.diskes)
    if jp:
        _jp(p, jp)
    client.force_login(org.operator_diskes)
    rows = {r["nip"]: r for r in client.get(URL, {"tahun": 2026}).json()["results"]}
    r = rows[p.nip]
    assert (r["memenuhi"], r["melebihi_batas"], r["kekurangan"]) == (memenuhi, melebihi, kekurangan)
    assert r["target"] == (None if pppk else 20)
    assert r["batas_maksimal"] == (24 if pppk else None)
    kurang = {x["nip"] for x in client.get(URL, {"tahun": 2026, "kurang": "1"}).json()["results"]}
    lebih = {x["nip"] for x in client.get(URL, {"tahun": 2026, "melebihi": "1"}).json()["results"]}
    assert (p.nip in kurang) is (not memenuhi)
    assert (p.nip in lebih) is melebihi


def test_halaman_dan_csv(client, org):
    pppk_20 = PegawaiFactory(pppk=True, unit_kerja=org.diskes, nama="Pppk Duapuluh")
    pppk_30 = PegawaiFactory(pppk=True, unit_kerja=org.diskes, nama="Pppk Tigapuluh")
    _jp(pppk_20, 20)
    _jp(pppk_30, 30)
    client.force_login(org.operator_diskes)
    html = client.get(URL_HALAMAN, {"tahun": 2026, "kurang": "1"}).content.decode()
    assert "Pppk Duapuluh" not in html and "Pppk Tigapuluh" not in html
    html = client.get(URL_HALAMAN, {"tahun": 2026, "melebihi": "1"}).content.decode()
    assert "Pppk Tigapuluh" in html and "Melebihi batas" in html
    assert "Pppk Duapuluh" not in html
    resp = client.get(URL_HALAMAN, {"tahun": 2026, "format": "csv"})
    rows = {r["NIP"]: r for r in csv.DictReader(io.StringIO(resp.getvalue().decode("utf-8-sig")))}
    assert rows[pppk_20.nip]["Memenuhi"] == "ya" and rows[pppk_20.nip]["Kekurangan"] == "0"
    assert rows[pppk_20.nip]["Target minimal"] == "" and rows[pppk_20.nip]["Batas maksimal"] == "24"
    assert rows[pppk_30.nip]["Melebihi batas"] == "ya"


def test_pppk_melihat_plafon_bukan_target_di_halamannya_sendiri(client, org):
    p = PegawaiFactory(pppk=True, unit_kerja=org.diskes)
    _jp(p, 20)
    jp = selectors.jp_pegawai(p, tahun=2026)
    assert (jp.target, jp.maksimal, jp.memenuhi, jp.kekurangan) == (None, 24, True, 0)


@pytest.mark.parametrize(
    ("jp", "maks", "lebih"), [(24, 24, False), (Decimal("24.01"), 24, True), (23, 24, False),
                              (100, None, False)],
)  # fmt: skip
def test_aturan_plafon(jp, maks, lebih):
    assert rules.melebihi_batas_jp(jp=jp, maksimal=maks) is lebih
    assert rules.kekurangan_jp(jp=jp, target=None) == 0
