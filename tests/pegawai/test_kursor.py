"""`GET /api/v1/pegawai/` is a cursor list on (nama, nip) (issue 17): every employee exactly
once in order, forward and back, with many employees sharing a name; filters kept; the scope
never widened by a cursor; a malformed cursor answers 400 on `cursor`; `page=` still serves
the first pages."""

from __future__ import annotations

import base64
import json

import pytest
from django.db.models import Q
from rest_framework.test import APIClient

from inti.api import PaginasiKursor
from pegawai.models import Pegawai
from tests.api_kursor import klien, kursor_jalan, kursor_mundur
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

pytestmark = pytest.mark.django_db

URL = "/api/v1/pegawai/"


def _harapan(qs) -> list[str]:
    return list(qs.order_by("nama", "nip").values_list("nip", flat=True))


@pytest.fixture
def kantor():
    """Diskes (with a sub-unit) and Disdik; 17 employees in diskes, most of them named alike
    (ties on `nama`, decided by NIP), 3 in disdik with the same names."""
    diskes = UnitKerjaFactory(kode="DISKES")
    yankes = UnitKerjaFactory(kode="DISKES-YANKES", parent=diskes)
    disdik = UnitKerjaFactory(kode="DISDIK")
    nama = ["Budi", "Ani", "Budi", "Citra", "Budi", "Ani"]
    for i in range(17):
        PegawaiFactory(unit_kerja=yankes if i % 3 else diskes, nama=nama[i % len(nama)],
                       status_kepegawaian="PNS" if i % 4 else "CPNS")  # fmt: skip
    for i in range(3):
        PegawaiFactory(unit_kerja=disdik, nama=nama[i])
    return {"diskes": diskes, "yankes": yankes, "disdik": disdik}


def test_kursor_pegawai_maju_mundur_setiap_baris_sekali(kantor):
    c = klien(admin_bkd())
    nips, halaman = kursor_jalan(c, URL, kunci="nip", params={"page_size": 3})
    assert nips == _harapan(Pegawai.objects.all())
    assert len(nips) == len(set(nips)) == 20
    assert len(halaman) == 7 and "count" not in halaman[0]
    assert halaman[0]["previous"] is None and halaman[-1]["next"] is None
    akhir = [r["nip"] for r in halaman[-1]["results"]]
    assert kursor_mundur(c, halaman[-1], kunci="nip") + akhir == nips


def test_kursor_pegawai_menjaga_filter(kantor):
    c = klien(admin_bkd())
    params = {"page_size": 2, "unit_kerja": kantor["yankes"].pk, "status_kepegawaian": "PNS"}
    nips, halaman = kursor_jalan(c, URL, kunci="nip", params=params)
    harapan = Pegawai.objects.filter(unit_kerja=kantor["yankes"], status_kepegawaian="PNS")
    assert nips == _harapan(harapan) and len(nips) > 4
    assert "status_kepegawaian=PNS" in halaman[0]["next"]
    nips_q, _ = kursor_jalan(c, URL, kunci="nip", params={"page_size": 2, "q": "budi"})
    assert nips_q == _harapan(Pegawai.objects.filter(nama="Budi"))


def test_kursor_pegawai_operator_tidak_melihat_di_luar_lingkup(kantor):
    c = klien(operator(kantor["diskes"]))
    nips, _ = kursor_jalan(c, URL, kunci="nip", params={"page_size": 4})
    assert nips == _harapan(Pegawai.objects.exclude(unit_kerja=kantor["disdik"]))
    # a cursor crafted from the other unit's employee only positions the scoped list
    guru = Pegawai.objects.filter(unit_kerja=kantor["disdik"]).order_by("nama", "nip").first()
    for mundur in (False, True):
        kursor = PaginasiKursor.tulis_kursor([guru.nama, guru.nip], mundur)
        body = c.get(URL, {"cursor": kursor, "page_size": 200}).json()
        # exactly the scoped employees on that side of the position (none of Disdik's); which
        # side holds rows depends on the generated names, so the expectation is computed
        lewat = "lt" if mundur else "gt"
        sisi = Q(**{f"nama__{lewat}": guru.nama}) | Q(nama=guru.nama, **{f"nip__{lewat}": guru.nip})
        harapan = _harapan(Pegawai.objects.exclude(unit_kerja=kantor["disdik"]).filter(sisi))
        assert [r["nip"] for r in body["results"]] == harapan
    assert c.get(f"{URL}{guru.nip}/").status_code == 404
    # the sub-unit's operator sees the sub-unit only
    nips_yankes, _ = kursor_jalan(
        klien(operator(kantor["yankes"])), URL, {"page_size": 5}, kunci="nip"
    )
    assert nips_yankes == _harapan(Pegawai.objects.filter(unit_kerja=kantor["yankes"]))


def test_kursor_pegawai_biasa_hanya_dirinya(kantor):
    pegawai = Pegawai.objects.filter(unit_kerja=kantor["disdik"]).first()
    nips, _ = kursor_jalan(klien(pegawai.user), URL, {"page_size": 1}, kunci="nip")
    assert nips == [pegawai.nip]


def test_kursor_pegawai_tanpa_login_401(kantor):
    assert APIClient().get(URL, {"cursor": "x"}).status_code == 401


def _b64(teks: str) -> str:
    return base64.urlsafe_b64encode(teks.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "kursor",
    [
        "bukan-base64!!",
        _b64(json.dumps({"v": ["Budi"]})),  # too few values
        _b64(json.dumps({"v": ["Budi", "1990", 1]})),  # too many
        _b64(json.dumps({"v": ["Budi", None]})),
        _b64(json.dumps({"v": ["Budi", ["1"]]})),
        _b64(json.dumps({"v": ["B" * 151, "199001012015031001"]})),  # longer than the field
        _b64(json.dumps({"v": ["Budi", "1" * 19]})),
    ],
)
def test_kursor_pegawai_rusak_400(kantor, kursor):
    resp = klien(admin_bkd()).get(URL, {"cursor": kursor})
    assert resp.status_code == 400
    assert "Kursor tidak sah" in resp.json()["cursor"][0]


def test_kursor_pegawai_parameter_page_untuk_halaman_awal(kantor):
    c = klien(admin_bkd())
    semua = _harapan(Pegawai.objects.all())
    body = c.get(URL, {"page": 2, "page_size": 5}).json()
    assert [r["nip"] for r in body["results"]] == semua[5:10]
    assert [r["nip"] for r in c.get(body["next"]).json()["results"]] == semua[10:15]
    assert [r["nip"] for r in c.get(body["previous"]).json()["results"]] == semua[:5]
    resp = c.get(URL, {"page": 20})
    assert resp.status_code == 400 and "page" in resp.json()
