"""Editing a draft or returned SKP on its pages (issue 14): the owner changes and removes
RHK and their indicators; a submitted or approved SKP refuses with a message; anyone else
gets 404; what reports or subordinate RHK use cannot be removed. Copying last year's SKP as
a new draft, and last year's SKP shown read-only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kinerja import services
from kinerja.models import (
    EkspektasiPerilaku,
    IndikatorKinerja,
    LaporanHarian,
    Rhk,
    Skp,
    StatusSkp,
)
from tests.factories import PegawaiFactory
from tests.kinerja.factories import lapor, skp_disetujui, tambah_rhk

pytestmark = pytest.mark.django_db

PESAN_TERKUNCI = "SKP yang sudah diajukan atau disetujui tidak dapat diubah."


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def tahun() -> int:
    return timezone.localdate().year


@pytest.fixture
def baru(org):
    return PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid, nama="Dewi Lestari")


def _skp(org, pegawai, status=StatusSkp.DRAFT, *, th=None) -> tuple[Skp, Rhk]:
    skp = Skp.objects.create(
        pegawai=pegawai, tahun=th or tahun(), penilai=pegawai.atasan,
        unit_kerja=pegawai.unit_kerja, status=status, catatan="Perbaiki" if status ==
        StatusSkp.DIKEMBALIKAN else "",
    )  # fmt: skip
    return skp, tambah_rhk(skp, uraian="Tersusunnya laporan imunisasi", rhk_atasan=org.rhk_kabid)


def _isian_rhk(org, **ubah) -> dict:
    data = {
        "jenis": "UTAMA",
        "uraian": "Tersusunnya laporan cakupan",
        "rhk_atasan": org.rhk_kabid.pk,
    }
    data.update(ubah)
    return data


def _isian_ik(prefix: str, **ubah) -> dict:
    data = {"aspek": "KUALITAS", "uraian": "Akurasi data", "target": "95", "satuan": "persen"}
    data.update(ubah)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def _html(resp) -> str:
    return resp.content.decode()


# --- Status boundary ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN])
def test_pemilik_mengubah_rhk_draf_atau_dikembalikan(org, baru, status):
    skp, rhk = _skp(org, baru, status)
    c = masuk(baru.user)
    html = _html(c.get("/kinerja/skp/"))
    assert f'href="/kinerja/skp/rhk/{rhk.pk}/" aria-label="Ubah RHK {rhk.uraian}">Ubah<' in html

    html = _html(c.get(f"/kinerja/skp/rhk/{rhk.pk}/"))
    assert "Ubah Rencana Hasil Kerja" in html
    assert f'<option value="{org.rhk_kabid.pk}" selected>' in html
    assert "Indikator 1: Jumlah tersusunnya laporan imunisasi" in html

    resp = c.post(f"/kinerja/skp/rhk/{rhk.pk}/", _isian_rhk(org), follow=True)
    assert "RHK diubah." in _html(resp)
    assert "Tersusunnya laporan cakupan" in _html(resp)
    rhk.refresh_from_db()
    assert (rhk.uraian, rhk.rhk_atasan) == ("Tersusunnya laporan cakupan", org.rhk_kabid)

    # Becoming an additional RHK, it may intervene nothing.
    c.post(f"/kinerja/skp/rhk/{rhk.pk}/", _isian_rhk(org, jenis="TAMBAHAN", rhk_atasan=""))
    rhk.refresh_from_db()
    assert (rhk.jenis, rhk.rhk_atasan) == ("TAMBAHAN", None)


def test_ubah_rhk_salah_dengan_pesan(org, baru):
    _, rhk = _skp(org, baru)
    c = masuk(baru.user)
    resp = c.post(f"/kinerja/skp/rhk/{rhk.pk}/", _isian_rhk(org, rhk_atasan=""))
    assert resp.status_code == 200
    assert "RHK utama harus mengintervensi satu RHK atasan" in _html(resp)
    resp = c.post(f"/kinerja/skp/rhk/{rhk.pk}/", _isian_rhk(org, rhk_atasan=org.rhk_guru.pk))
    assert "Pilih RHK dari SKP pejabat penilai Anda." in _html(resp)
    resp = c.post(f"/kinerja/skp/rhk/{rhk.pk}/", _isian_rhk(org, uraian=""))
    assert "Bidang ini harus diisi." in _html(resp)
    rhk.refresh_from_db()
    assert (rhk.uraian, rhk.rhk_atasan) == ("Tersusunnya laporan imunisasi", org.rhk_kabid)


def _semua_pintu(org, rhk: Rhk, ik: IndikatorKinerja) -> list[tuple[str, dict]]:
    return [
        (f"/kinerja/skp/rhk/{rhk.pk}/", _isian_rhk(org, uraian="Diubah")),
        (f"/kinerja/skp/rhk/{rhk.pk}/indikator/", _isian_ik("baru")),
        (f"/kinerja/skp/indikator/{ik.pk}/", _isian_ik(f"ik{ik.pk}", satuan="lembar")),
        (f"/kinerja/skp/indikator/{ik.pk}/hapus/", {}),
        (f"/kinerja/skp/rhk/{rhk.pk}/hapus/", {}),
    ]


def _tidak_berubah(rhk: Rhk, ik: IndikatorKinerja) -> None:
    rhk.refresh_from_db()
    ik.refresh_from_db()
    assert rhk.uraian == "Tersusunnya laporan imunisasi"
    assert ik.satuan == "dokumen"
    assert IndikatorKinerja.objects.filter(rhk=rhk).count() == 1


@pytest.mark.parametrize("status", [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI])
def test_skp_diajukan_atau_disetujui_menolak_perubahan(org, baru, status):
    skp, rhk = _skp(org, baru, status)
    ik = rhk.indikator.get()
    c = masuk(baru.user)
    assert "Ubah RHK" not in _html(c.get("/kinerja/skp/"))
    resp = c.get(f"/kinerja/skp/rhk/{rhk.pk}/", follow=True)
    assert PESAN_TERKUNCI in _html(resp)
    for url, data in _semua_pintu(org, rhk, ik):
        resp = c.post(url, data, follow=True)
        assert resp.redirect_chain[-1][0] == f"/kinerja/skp/?tahun={skp.tahun}", url
        assert PESAN_TERKUNCI in _html(resp), url
    _tidak_berubah(rhk, ik)


@pytest.mark.parametrize("siapa", ["kabid", "staf2", "op_diskes", "op_disdik", "guru", "admin"])
def test_selain_pemilik_mendapat_404(org, baru, siapa):
    _, rhk = _skp(org, baru)
    ik = rhk.indikator.get()
    user = getattr(org, siapa)
    c = masuk(getattr(user, "user", user))
    assert c.get(f"/kinerja/skp/rhk/{rhk.pk}/").status_code == 404
    for url, data in _semua_pintu(org, rhk, ik):
        assert c.post(url, data).status_code == 404, url
    assert c.post("/kinerja/skp/salin/", {"tahun": tahun() + 1}).status_code in (302, 404)
    _tidak_berubah(rhk, ik)


def test_anonim_diarahkan_ke_login(org, baru):
    _, rhk = _skp(org, baru)
    ik = rhk.indikator.get()
    c = Client()
    for url, data in _semua_pintu(org, rhk, ik):
        resp = c.post(url, data)
        assert resp.status_code == 302 and resp["Location"].startswith("/masuk/"), url
    assert c.post("/kinerja/skp/salin/", {"tahun": tahun() + 1})["Location"].startswith("/masuk/")
    _tidak_berubah(rhk, ik)


# --- Indicators --------------------------------------------------------------------------------


def test_tambah_ubah_hapus_indikator(org, baru):
    _, rhk = _skp(org, baru)
    ik = rhk.indikator.get()
    c = masuk(baru.user)
    resp = c.post(f"/kinerja/skp/rhk/{rhk.pk}/indikator/", _isian_ik("baru"), follow=True)
    assert "Indikator ditambahkan." in _html(resp)
    assert ": Akurasi data</legend>" in _html(resp)
    baru_ik = IndikatorKinerja.objects.get(rhk=rhk, aspek="KUALITAS")
    assert (baru_ik.target, baru_ik.satuan) == (Decimal("95"), "persen")

    resp = c.post(
        f"/kinerja/skp/indikator/{ik.pk}/",
        _isian_ik(f"ik{ik.pk}", aspek="KUANTITAS", uraian="Jumlah laporan", target="24",
                  satuan="laporan"),
        follow=True,
    )  # fmt: skip
    assert "Indikator diubah." in _html(resp)
    ik.refresh_from_db()
    assert (ik.uraian, ik.target, ik.satuan) == ("Jumlah laporan", Decimal("24"), "laporan")

    resp = c.post(f"/kinerja/skp/indikator/{baru_ik.pk}/hapus/", follow=True)
    assert "Indikator “Akurasi data” dihapus." in _html(resp)
    # The RHK's last indicator stays.
    resp = c.post(f"/kinerja/skp/indikator/{ik.pk}/hapus/", follow=True)
    assert "Setiap RHK memerlukan paling sedikit satu indikator." in _html(resp)
    assert list(rhk.indikator.all()) == [ik]
    # The SKP page shows the indicators as they are now.
    assert "Kuantitas: Jumlah laporan (24 laporan)" in _html(c.get("/kinerja/skp/"))


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"uraian": ""}, "Isi uraian indikator."),
        ({"target": ""}, "Isi target indikator."),
        ({"satuan": ""}, "Isi satuan indikator."),
        ({"target": "-1"}, "Pastikan nilai ini lebih besar dari atau sama dengan 0."),
    ],
)
def test_indikator_salah_dengan_pesan(org, baru, ubah, pesan):
    _, rhk = _skp(org, baru)
    ik = rhk.indikator.get()
    c = masuk(baru.user)
    resp = c.post(f"/kinerja/skp/rhk/{rhk.pk}/indikator/", _isian_ik("baru", **ubah))
    assert resp.status_code == 200 and pesan in _html(resp)
    resp = c.post(f"/kinerja/skp/indikator/{ik.pk}/", _isian_ik(f"ik{ik.pk}", **ubah))
    assert resp.status_code == 200 and pesan in _html(resp)
    _tidak_berubah(rhk, ik)


# --- What depends on an RHK or indicator -------------------------------------------------------


def test_rhk_dan_indikator_dipakai_laporan_tidak_dapat_dihapus(org, baru):
    # Reports only go to approved SKPs, so a draft's RHK never has any through the pages;
    # the guard holds whatever path wrote them (here straight to the table).
    _, rhk = _skp(org, baru)
    ik = rhk.indikator.get()
    IndikatorKinerja.objects.create(
        rhk=rhk, aspek="WAKTU", uraian="Tepat", target=12, satuan="bulan"
    )
    lapor(baru, rhk, timezone.localdate(), "08:00", "09:00")
    lapor(baru, rhk, timezone.localdate(), "09:00", "10:00")
    c = masuk(baru.user)

    resp = c.post(f"/kinerja/skp/rhk/{rhk.pk}/hapus/", follow=True)
    assert "RHK ini tidak dapat dihapus karena dipakai 2 laporan harian." in _html(resp)
    resp = c.post(f"/kinerja/skp/indikator/{ik.pk}/hapus/", follow=True)
    assert "Indikator ini tidak dapat dihapus karena dipakai 2 laporan harian." in _html(resp)
    resp = c.post(f"/kinerja/skp/indikator/{ik.pk}/", _isian_ik(f"ik{ik.pk}", satuan="lembar"))
    assert "Satuan tidak dapat diubah: indikator ini dipakai 2 laporan harian." in _html(resp)
    # Its text and target may still change.
    c.post(
        f"/kinerja/skp/indikator/{ik.pk}/",
        _isian_ik(f"ik{ik.pk}", aspek="KUANTITAS", target="50", satuan="dokumen"),
    )
    ik.refresh_from_db()
    assert (ik.target, ik.satuan) == (Decimal("50"), "dokumen")
    assert Rhk.objects.filter(pk=rhk.pk).exists()
    assert LaporanHarian.objects.filter(indikator=ik).count() == 2


def test_rhk_yang_diintervensi_bawahan_tidak_dapat_dihapus(org):
    depan = tahun() + 1
    skp_kabid, rhk_kabid = _skp(org, org.kabid, th=depan)
    rhk_kabid.rhk_atasan = None
    rhk_kabid.save()
    skp_staf = Skp.objects.create(
        pegawai=org.staf1, tahun=depan, penilai=org.kabid, unit_kerja=org.diskes
    )
    tambah_rhk(skp_staf, uraian="Laporan surveilans", rhk_atasan=rhk_kabid)
    resp = masuk(org.kabid.user).post(f"/kinerja/skp/rhk/{rhk_kabid.pk}/hapus/", follow=True)
    assert (
        "RHK ini tidak dapat dihapus karena diintervensi 1 RHK bawahan (Siti Rahmawati)."
        in _html(resp)
    )
    assert Rhk.objects.filter(pk=rhk_kabid.pk).exists()


def test_hapus_rhk_beserta_indikatornya(org, baru):
    skp, rhk = _skp(org, baru)
    lain = tambah_rhk(skp, uraian="Terlaksananya validasi", rhk_atasan=org.rhk_kabid)
    resp = masuk(baru.user).post(f"/kinerja/skp/rhk/{rhk.pk}/hapus/", follow=True)
    html = _html(resp)
    assert "RHK “Tersusunnya laporan imunisasi” dihapus dari SKP Anda." in html
    assert resp.redirect_chain[-1][0] == f"/kinerja/skp/?tahun={skp.tahun}"
    assert list(skp.rhk.all()) == [lain]
    assert not IndikatorKinerja.objects.filter(rhk_id=rhk.pk).exists()


# --- Copying last year's SKP -------------------------------------------------------------------


def _siapkan_salin(org):
    """staf1 has this year's approved SKP (from the org) plus an RHK whose supervisor RHK has
    no counterpart next year, an additional RHK, expectations and reports; the kabid has a
    next-year SKP with the same main RHK text."""
    depan = tahun() + 1
    skp_lama = Skp.objects.get(pegawai=org.staf1, tahun=tahun())
    lain_kabid = tambah_rhk(
        Skp.objects.get(pegawai=org.kabid, tahun=tahun()), uraian="Program lama selesai"
    )
    lepas = tambah_rhk(skp_lama, uraian="Evaluasi program lama", rhk_atasan=lain_kabid)
    IndikatorKinerja.objects.create(
        rhk=lepas, aspek="WAKTU", uraian="Selesai tepat waktu", target=Decimal("12.50"),
        satuan="bulan",
    )  # fmt: skip
    Rhk.objects.create(skp=skp_lama, jenis="TAMBAHAN", uraian="Panitia HUT Provinsi")
    EkspektasiPerilaku.objects.create(skp=skp_lama, nilai="AKUNTABEL", ekspektasi="Tepat waktu")
    lapor(org.staf1, org.rhk1, timezone.localdate())
    kabid_depan = skp_disetujui(
        org.kabid, tahun=depan, uraian="  menurunnya ANGKA penyakit menular"
    )
    return depan, skp_lama, kabid_depan.rhk.get()


def test_salin_skp_tahun_lalu(org):
    depan, lama, rhk_kabid_depan = _siapkan_salin(org)
    c = masuk(org.staf1.user)
    html = _html(c.get(f"/kinerja/skp/?tahun={depan}"))
    assert f"Belum ada SKP untuk tahun {depan}." in html
    assert f"Salin SKP {tahun()}</button>" in html
    assert f"Buat SKP {depan} kosong" in html
    assert f"SKP tahun lalu ({tahun()})" in html and "Evaluasi program lama" in html

    resp = c.post("/kinerja/skp/salin/", {"tahun": depan}, follow=True)
    html = _html(resp)
    assert f"Draf SKP {depan} disalin dari SKP {tahun()}: 3 RHK dengan indikatornya." in html
    assert f"1 RHK utama belum mengintervensi RHK atasan tahun {depan}" in html
    assert "pilih RHK atasan sebelum mengajukan" in html

    baru = Skp.objects.get(pegawai=org.staf1, tahun=depan)
    assert (baru.status, baru.catatan, baru.penilai, baru.pendekatan) == (
        "DRAFT", "", org.kabid, lama.pendekatan,
    )  # fmt: skip
    assert baru.disetujui_pada is None and baru.diajukan_pada is None
    assert not EkspektasiPerilaku.objects.filter(skp=baru).exists()

    def isi(skp):
        return [
            (
                r.jenis,
                r.uraian,
                [(i.aspek, i.uraian, i.target, i.satuan) for i in r.indikator.all()],
            )
            for r in skp.rhk.order_by("jenis", "urutan", "pk")
        ]

    assert isi(baru) == isi(lama)
    salinan = {r.uraian: r for r in baru.rhk.all()}
    # The intervention follows the same text in the supervisor's SKP of the new year.
    assert salinan["Laporan surveilans"].rhk_atasan == rhk_kabid_depan
    assert salinan["Evaluasi program lama"].tanpa_intervensi
    assert salinan["Panitia HUT Provinsi"].rhk_atasan is None
    assert not LaporanHarian.objects.filter(rhk__skp=baru).exists()
    # Last year's SKP is untouched.
    assert Skp.objects.get(pk=lama.pk).status == "DISETUJUI"
    assert lama.rhk.count() == 3

    # Not submittable until the intervention is chosen.
    resp = c.post(f"/kinerja/skp/{baru.pk}/ajukan/", follow=True)
    assert (
        "RHK utama berikut belum mengintervensi RHK atasan: Evaluasi program lama. "
        "Ubah RHK tersebut sebelum mengajukan." in _html(resp)
    )
    lepas = salinan["Evaluasi program lama"]
    assert "RHK utama ini belum mengintervensi RHK atasan." in _html(
        c.get(f"/kinerja/skp/rhk/{lepas.pk}/")
    )
    c.post(
        f"/kinerja/skp/rhk/{lepas.pk}/",
        {"jenis": "UTAMA", "uraian": lepas.uraian, "rhk_atasan": rhk_kabid_depan.pk},
    )
    c.post(f"/kinerja/skp/{baru.pk}/ajukan/")
    baru.refresh_from_db()
    assert baru.status == "DIAJUKAN"


def test_salin_ditolak_dengan_pesan(org, baru):
    c = masuk(org.staf1.user)
    # The target year already has an SKP (this year's, copied from last year's).
    Skp.objects.create(
        pegawai=org.staf1, tahun=tahun() - 1, penilai=org.kabid, unit_kerja=org.diskes
    )
    resp = c.post("/kinerja/skp/salin/", {"tahun": tahun()}, follow=True)
    assert f"SKP tahun {tahun()} untuk pegawai ini sudah ada." in _html(resp)
    # Only the current and next year.
    resp = c.post("/kinerja/skp/salin/", {"tahun": tahun() + 2}, follow=True)
    assert f"SKP hanya dapat dibuat untuk tahun {tahun()} atau {tahun() + 1}." in _html(resp)
    resp = c.post("/kinerja/skp/salin/", {"tahun": tahun() - 1}, follow=True)
    assert f"SKP hanya dapat dibuat untuk tahun {tahun()} atau {tahun() + 1}." in _html(resp)
    # Nothing to copy from.
    resp = masuk(baru.user).post("/kinerja/skp/salin/", {"tahun": tahun()}, follow=True)
    assert f"Tidak ada SKP tahun {tahun() - 1} untuk disalin." in _html(resp)
    assert Skp.objects.filter(pegawai=org.staf1).count() == 2
    assert not Skp.objects.filter(pegawai=baru).exists()


def test_salin_hanya_ditawarkan_bila_boleh(org, baru):
    c = masuk(org.staf1.user)
    # This year's SKP exists: no offer on this year's page, but last year's shown if any.
    assert "Salin SKP" not in _html(c.get("/kinerja/skp/"))
    # Two years ahead: outside the allowed years.
    Skp.objects.create(
        pegawai=org.staf1, tahun=tahun() + 1, penilai=org.kabid, unit_kerja=org.diskes
    )
    assert "Salin SKP" not in _html(c.get(f"/kinerja/skp/?tahun={tahun() + 2}"))
    # No SKP last year: nothing to copy, only "Buat SKP".
    html = _html(masuk(baru.user).get("/kinerja/skp/"))
    assert "Salin SKP" not in html and "SKP tahun lalu" not in html
    assert f"Buat SKP {tahun()}</button>" in html


def test_atasan_melihat_skp_tahun_lalu_bawahan(org):
    depan = tahun() + 1
    skp = Skp.objects.create(
        pegawai=org.staf1, tahun=depan, penilai=org.kabid, unit_kerja=org.diskes
    )
    html = _html(masuk(org.kabid.user).get(f"/kinerja/skp/{skp.pk}/"))
    lalu = Skp.objects.get(pegawai=org.staf1, tahun=tahun())
    assert f"SKP tahun lalu ({tahun()})" in html
    assert f'href="/kinerja/skp/{lalu.pk}/">Buka SKP {tahun()}</a>' in html
    assert "Laporan surveilans" in html
    assert "Ubah RHK" not in html and "Salin SKP" not in html
    # The owner's page links to its own year view.
    html = _html(masuk(org.staf1.user).get(f"/kinerja/skp/?tahun={depan}"))
    assert f'href="/kinerja/skp/?tahun={tahun()}">Buka SKP {tahun()}</a>' in html


def test_halaman_tambah_rhk_menampilkan_skp_tahun_lalu(org):
    depan = tahun() + 1
    skp = Skp.objects.create(
        pegawai=org.staf1, tahun=depan, penilai=org.kabid, unit_kerja=org.diskes
    )
    html = _html(masuk(org.staf1.user).get(f"/kinerja/skp/{skp.pk}/rhk/"))
    assert f"SKP tahun lalu ({tahun()})" in html and "Laporan surveilans" in html


def test_salin_gagal_tidak_meninggalkan_apa_pun(org, monkeypatch):
    def gagal(self, *args, **kwargs):
        raise ValidationError({"uraian": "Uraian indikator tidak sah."})

    monkeypatch.setattr(IndikatorKinerja, "full_clean", gagal)
    with pytest.raises(ValidationError):
        services.skp_salin(oleh=org.staf1.user, tahun=tahun() + 1)
    assert not Skp.objects.filter(pegawai=org.staf1, tahun=tahun() + 1).exists()
    assert not Rhk.objects.filter(skp__tahun=tahun() + 1).exists()
