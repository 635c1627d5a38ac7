"""The SKP editing API (issue 14): PATCH/DELETE an RHK, POST/PATCH/DELETE its indicators,
POST skp/salin/. Same rules as the pages: owner only, draft or returned only, guarded
removal; out of scope 404, in scope but not the owner 403, anonymous 401."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kinerja.models import IndikatorKinerja, PerjanjianKinerja, Rhk, Skp, StatusSkp
from tests.kinerja.factories import lapor, skp_disetujui, tambah_rhk

pytestmark = pytest.mark.django_db

SKP = "/api/v1/kinerja/skp/"
PESAN_TERKUNCI = "SKP yang sudah diajukan atau disetujui tidak dapat diubah."


def klien(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def tahun() -> int:
    return timezone.localdate().year


def _draf(org, status=StatusSkp.DRAFT) -> tuple[Skp, Rhk]:
    skp = Skp.objects.create(
        pegawai=org.staf1, tahun=tahun() + 1, penilai=org.kabid, unit_kerja=org.diskes,
        status=status,
    )  # fmt: skip
    atas = skp_disetujui(org.kabid, tahun=tahun() + 1, uraian="Target tahun depan").rhk.get()
    return skp, tambah_rhk(skp, uraian="Laporan tahun depan", rhk_atasan=atas)


@pytest.mark.parametrize("status", [StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN])
def test_ubah_rhk_dan_indikator_lewat_api(org, status):
    skp, rhk = _draf(org, status)
    ik = rhk.indikator.get()
    c = klien(org.staf1.user)
    url = f"{SKP}{skp.pk}/rhk/{rhk.pk}/"

    resp = c.patch(url, {"uraian": "Laporan surveilans tahun depan"}, format="json")
    assert resp.status_code == 200
    [data] = resp.json()["rhk"]
    assert (data["uraian"], data["rhk_atasan"]) == (
        "Laporan surveilans tahun depan",
        rhk.rhk_atasan_id,
    )

    # Pointing at the unit's perjanjian kinerja clears the supervisor RHK.
    pk = PerjanjianKinerja.objects.create(unit_kerja=org.diskes, tahun=skp.tahun, sasaran="S")
    resp = c.patch(url, {"perjanjian_kinerja": pk.pk}, format="json")
    assert resp.json()["rhk"][0]["perjanjian_kinerja"] == pk.pk
    assert resp.json()["rhk"][0]["rhk_atasan"] is None
    resp = c.patch(url, {"rhk_atasan": None, "perjanjian_kinerja": None}, format="json")
    assert resp.status_code == 400
    assert "RHK utama harus mengintervensi" in resp.json()["rhk_atasan"][0]

    resp = c.post(
        f"{url}indikator/",
        {"aspek": "WAKTU", "uraian": "Tepat waktu", "target": "12", "satuan": "bulan"},
        format="json",
    )
    assert resp.status_code == 201
    assert len(resp.json()["rhk"][0]["indikator"]) == 2
    baru = IndikatorKinerja.objects.get(rhk=rhk, aspek="WAKTU")
    resp = c.patch(f"{url}indikator/{ik.pk}/", {"target": "30"}, format="json")
    assert resp.status_code == 200
    ik.refresh_from_db()
    assert (ik.target, ik.satuan) == (30, "dokumen")
    assert c.delete(f"{url}indikator/{baru.pk}/").status_code == 204
    resp = c.delete(f"{url}indikator/{ik.pk}/")
    assert resp.status_code == 400
    assert resp.json() == {"indikator": ["Setiap RHK memerlukan paling sedikit satu indikator."]}

    assert c.delete(url).status_code == 204
    assert not Rhk.objects.filter(pk=rhk.pk).exists()
    assert c.patch(url, {"uraian": "x"}, format="json").status_code == 404


@pytest.mark.parametrize("status", [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI])
def test_api_menolak_skp_diajukan_atau_disetujui(org, status):
    skp, rhk = _draf(org, status)
    ik = rhk.indikator.get()
    c = klien(org.staf1.user)
    url = f"{SKP}{skp.pk}/rhk/{rhk.pk}/"
    isian_ik = {"aspek": "WAKTU", "uraian": "Tepat", "target": "1", "satuan": "bulan"}
    for resp in (
        c.patch(url, {"uraian": "x"}, format="json"),
        c.delete(url),
        c.post(f"{url}indikator/", isian_ik, format="json"),
        c.patch(f"{url}indikator/{ik.pk}/", {"target": "1"}, format="json"),
        c.delete(f"{url}indikator/{ik.pk}/"),
    ):
        assert resp.status_code == 400
        assert resp.json() == {"skp": [PESAN_TERKUNCI]}
    rhk.refresh_from_db()
    assert rhk.uraian == "Laporan tahun depan" and rhk.indikator.count() == 1


def test_api_hapus_ditolak_selama_dipakai_laporan(org):
    skp, rhk = _draf(org)
    ik = rhk.indikator.get()
    lapor(org.staf1, rhk, timezone.localdate())
    c = klien(org.staf1.user)
    url = f"{SKP}{skp.pk}/rhk/{rhk.pk}/"
    resp = c.delete(url)
    assert resp.json() == {"rhk": ["RHK ini tidak dapat dihapus karena dipakai 1 laporan harian."]}
    resp = c.delete(f"{url}indikator/{ik.pk}/")
    assert resp.json() == {
        "indikator": ["Indikator ini tidak dapat dihapus karena dipakai 1 laporan harian."]
    }
    resp = c.patch(f"{url}indikator/{ik.pk}/", {"satuan": "lembar"}, format="json")
    assert resp.json() == {
        "satuan": ["Satuan tidak dapat diubah: indikator ini dipakai 1 laporan harian."]
    }
    assert Rhk.objects.filter(pk=rhk.pk).exists()


@pytest.mark.parametrize(
    ("siapa", "kode"),
    [("staf2", 404), ("op_disdik", 404), ("guru", 404), ("kabid", 403), ("op_diskes", 403)],
)
def test_api_selain_pemilik(org, siapa, kode):
    skp, rhk = _draf(org)
    ik = rhk.indikator.get()
    user = getattr(org, siapa)
    c = klien(getattr(user, "user", user))
    url = f"{SKP}{skp.pk}/rhk/{rhk.pk}/"
    assert c.patch(url, {"uraian": "x"}, format="json").status_code == kode
    assert c.delete(url).status_code == kode
    assert c.delete(f"{url}indikator/{ik.pk}/").status_code == kode
    rhk.refresh_from_db()
    assert rhk.uraian == "Laporan tahun depan" and rhk.indikator.count() == 1


def test_api_anonim_dan_rhk_skp_lain(org):
    skp, rhk = _draf(org)
    url = f"{SKP}{skp.pk}/rhk/{rhk.pk}/"
    assert APIClient().patch(url, {"uraian": "x"}, format="json").status_code == 401
    assert APIClient().delete(url).status_code == 401
    assert APIClient().post(f"{SKP}salin/", {"tahun": tahun() + 1}).status_code == 401
    # An RHK addressed under another (own) SKP: 404.
    lain = Skp.objects.get(pegawai=org.staf1, tahun=tahun())
    c = klien(org.staf1.user)
    assert c.delete(f"{SKP}{lain.pk}/rhk/{rhk.pk}/").status_code == 404
    assert c.delete(f"{SKP}{skp.pk}/rhk/{org.rhk2.pk}/").status_code == 404
    assert Rhk.objects.filter(pk__in=[rhk.pk, org.rhk2.pk]).count() == 2


def test_api_salin_skp(org):
    c = klien(org.staf1.user)
    depan = tahun() + 1
    resp = c.post(f"{SKP}salin/", {"tahun": depan}, format="json")
    assert resp.status_code == 201
    body = resp.json()
    assert (body["tahun"], body["status"]) == (depan, "DRAFT")
    [rhk] = body["rhk"]
    # The kabid has no SKP next year yet: the intervention is left to choose.
    assert (rhk["uraian"], rhk["rhk_atasan"]) == ("Laporan surveilans", None)
    assert [(i["aspek"], i["satuan"]) for i in rhk["indikator"]] == [("KUANTITAS", "dokumen")]
    assert body["ekspektasi"] == []
    resp = c.post(f"{SKP}{body['id']}/ajukan/")
    assert resp.status_code == 400
    assert "belum mengintervensi RHK atasan: Laporan surveilans" in resp.json()["rhk"][0]

    resp = c.post(f"{SKP}salin/", {"tahun": depan}, format="json")
    assert resp.json() == {"tahun": [f"SKP tahun {depan} untuk pegawai ini sudah ada."]}
    resp = c.post(f"{SKP}salin/", {"tahun": tahun() + 2}, format="json")
    assert resp.json() == {
        "tahun": [f"SKP hanya dapat dibuat untuk tahun {tahun()} atau {tahun() + 1}."]
    }
    assert klien(org.admin).post(f"{SKP}salin/", {"tahun": depan}).status_code == 403
    assert Skp.objects.filter(pegawai=org.staf1).count() == 2
