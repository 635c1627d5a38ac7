"""The SKP and the evaluation as PDF: what the printed page says, the download itself, and
who may get it (owner, direct supervisor, the unit's operator, Admin BKD; 404 for others)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja import rules, services
from kinerja.models import IndikatorKinerja, Rhk, Skp
from tests.factories import PegawaiFactory
from tests.kinerja.factories import lapor, tambah_rhk
from tests.kinerja.pdfteks import potongan_teks, teks_pdf

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _skp(org) -> Skp:
    skp = Skp.objects.get(pegawai=org.staf1)
    rhk = skp.rhk.get()
    IndikatorKinerja.objects.create(
        rhk=rhk, aspek="KUALITAS", uraian="Laporan tanpa revisi", target=90, satuan="%"
    )
    tambahan = Rhk.objects.create(skp=skp, jenis="TAMBAHAN", uraian="Narasumber PHBS")
    IndikatorKinerja.objects.create(
        rhk=tambahan, aspek="KUANTITAS", uraian="Jumlah sosialisasi", target=4, satuan="kegiatan"
    )
    services.ekspektasi_simpan(
        skp=skp, ekspektasi={"AKUNTABEL": "Laporan surveilans terkirim setiap Senin"}
    )
    return skp


def _penilaian(org):
    lapor(org.staf1, org.rhk1, timezone.localdate(), status="DISETUJUI", kuantitas=7)
    return services.penilaian_buat(
        penilai=org.kabid,
        pegawai=org.staf1,
        periode=rules.periode_berjalan(timezone.localdate(), rules.TRIWULANAN),
        rating_hasil_kerja="DI_ATAS",
        rating_perilaku="DI_ATAS",
        umpan_balik="Pertahankan; bagikan cara kerja ke tim.",
        catatan_perilaku={"KOMPETEN": "Aktif berbagi ilmu"},
        realisasi={org.rhk1.pk: (Decimal(9), "Dua laporan dikirim lewat surel")},
    )


# --- SKP ----------------------------------------------------------------------------------------


def test_skp_pdf_diunduh_pemilik_dengan_isi_resmi(org):
    skp = _skp(org)
    resp = masuk(org.staf1.user).get(f"/kinerja/skp/{skp.pk}/pdf/")

    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"] == (
        f'attachment; filename="SKP-{skp.tahun}-{org.staf1.nip}.pdf"'
    )
    teks = potongan_teks(resp.content)
    # Title, period and both parties' identity.
    assert "SASARAN KINERJA PEGAWAI" in teks
    assert f"PERIODE PENILAIAN: 1 JANUARI {skp.tahun} S.D. 31 DESEMBER {skp.tahun}" in teks
    assert "PEGAWAI YANG DINILAI" in teks and "PEJABAT PENILAI KINERJA" in teks
    assert org.staf1.nama in teks and org.staf1.nip in teks
    assert org.kabid.nama in teks and org.kabid.nip in teks
    # Hasil kerja: the intervened RHK, the RHK, one row per aspect with its target.
    semua = " ".join(teks)
    for bagian in (
        "A. UTAMA",
        "B. TAMBAHAN",
        "Menurunnya angka penyakit menular",
        "Laporan surveilans",
        "Kuantitas",
        "Kualitas",
        "100 dokumen",
        "90%",
        "Narasumber PHBS",
        "4 kegiatan",
    ):
        assert bagian in semua, bagian
    # Perilaku kerja: the seven values with the supervisor's specific expectation.
    assert "Berorientasi Pelayanan" in semua and "Kolaboratif" in semua
    assert "Laporan surveilans terkirim setiap Senin" in semua
    assert "EKSPEKTASI KHUSUS PIMPINAN" in teks
    # Signatures.
    assert "Pegawai yang Dinilai" in teks and "Pejabat Penilai Kinerja" in teks
    assert f"NIP. {org.kabid.nip}" in semua
    assert "DOKUMEN BELUM BERLAKU" not in semua


def test_skp_draf_dicetak_dengan_tanda_belum_berlaku(org):
    baru = PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid)
    skp = services.skp_buat(pegawai=baru, tahun=timezone.localdate().year)
    teks = teks_pdf(masuk(baru.user).get(f"/kinerja/skp/{skp.pk}/pdf/").content)
    assert "DOKUMEN BELUM BERLAKU – status SKP: DRAF" in teks


def test_teks_pengguna_dicetak_apa_adanya(org):
    skp = Skp.objects.get(pegawai=org.staf1)
    Rhk.objects.filter(skp=skp).update(uraian="Rekap <b>DBD</b> & ISPA (mingguan)")
    teks = potongan_teks(masuk(org.staf1.user).get(f"/kinerja/skp/{skp.pk}/pdf/").content)
    # The markup characters are printed, not interpreted (ReportLab draws them as own runs).
    assert "Rekap<b>DBD</b>&ISPA(mingguan)" in "".join(teks).replace(" ", "")


@pytest.mark.parametrize(
    ("siapa", "status"),
    [
        ("staf1", 200),  # owner
        ("kabid", 200),  # direct supervisor
        ("op_diskes", 200),  # the unit's operator
        ("admin", 200),  # Admin BKD
        ("staf2", 404),  # a colleague
        ("kabid2", 404),  # another supervisor
        ("op_disdik", 404),  # another unit's operator
    ],
)
def test_skp_pdf_hanya_dalam_cakupan(org, siapa, status):
    user = getattr(org, siapa)
    skp = Skp.objects.get(pegawai=org.staf1)
    resp = masuk(getattr(user, "user", user)).get(f"/kinerja/skp/{skp.pk}/pdf/")
    assert resp.status_code == status
    if status == 200:
        assert resp["Content-Type"] == "application/pdf"


def test_skp_pdf_perlu_masuk(org):
    skp = Skp.objects.get(pegawai=org.staf1)
    resp = Client().get(f"/kinerja/skp/{skp.pk}/pdf/")
    assert resp.status_code == 302 and "/masuk/" in resp["Location"]


def test_halaman_skp_dan_penilaian_punya_tautan_unduh_pdf(org):
    skp = Skp.objects.get(pegawai=org.staf1)
    p = _penilaian(org)
    html = masuk(org.staf1.user).get("/kinerja/skp/").content.decode()
    assert f'href="/kinerja/skp/{skp.pk}/pdf/" download>Unduh PDF' in html
    html = masuk(org.staf1.user).get(f"/kinerja/penilaian/{p.pk}/").content.decode()
    assert f'href="/kinerja/penilaian/{p.pk}/pdf/" download>Unduh PDF' in html


# --- Evaluation ---------------------------------------------------------------------------------


def test_penilaian_pdf_dengan_predikat_realisasi_dan_tanda_tangan(org):
    p = _penilaian(org)
    resp = masuk(org.staf1.user).get(f"/kinerja/penilaian/{p.pk}/pdf/")

    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"] == (
        f'attachment; filename="Evaluasi-Kinerja-{p.periode}-{org.staf1.nip}.pdf"'
    )
    teks = potongan_teks(resp.content)
    semua = " ".join(teks)
    periode = rules.parse_periode(p.periode)
    assert "EVALUASI KINERJA PEGAWAI" in teks
    assert f"PERIODE: TRIWULAN {'I II III IV'.split()[int(p.periode[-1]) - 1]}" in semua
    assert (
        f"PERIODE PENILAIAN: {periode.mulai.day} "
        f"{rules.NAMA_BULAN[periode.mulai.month].upper()} {periode.tahun}"
    ) in semua
    assert org.staf1.nama in teks and org.kabid.nama in teks
    # The realisation of the RHK (changed from the reports' 7, with the reason).
    assert "9 dokumen" in teks
    assert "Dua laporan dikirim lewat surel" in semua
    assert "REALISASI BERDASARKAN BUKTI DUKUNG" in semua
    # Ratings, the predikat and the feedback.
    assert "DI ATAS EKSPEKTASI" in semua
    assert "RATING HASIL KERJA:" in teks and "RATING PERILAKU KERJA:" in teks
    assert "PREDIKAT KINERJA PEGAWAI" in teks
    assert "SANGAT BAIK" in teks
    assert "Pertahankan; bagikan cara kerja ke tim." in semua
    assert "Aktif berbagi ilmu" in semua
    assert "Belum ditanggapi pegawai." in semua
    assert "Pegawai yang Dinilai" in teks and "Pejabat Penilai Kinerja" in teks


def test_penilaian_pdf_mencatat_keberatan(org):
    p = _penilaian(org)
    services.penilaian_sanggah(penilaian=p, oleh=org.staf1.user, alasan="Realisasi triwulan kurang")
    teks = teks_pdf(masuk(org.op_diskes).get(f"/kinerja/penilaian/{p.pk}/pdf/").content)
    assert "Realisasi triwulan kurang" in teks


@pytest.mark.parametrize(
    ("siapa", "status"),
    [
        ("staf1", 200),
        ("kabid", 200),
        ("op_diskes", 200),
        ("admin", 200),
        ("staf2", 404),
        ("kabid2", 404),
        ("op_disdik", 404),
        ("guru", 404),
    ],
)
def test_penilaian_pdf_hanya_dalam_cakupan(org, siapa, status):
    p = _penilaian(org)
    user = getattr(org, siapa)
    resp = masuk(getattr(user, "user", user)).get(f"/kinerja/penilaian/{p.pk}/pdf/")
    assert resp.status_code == status


def test_pdf_hanya_get(org):
    skp = Skp.objects.get(pegawai=org.staf1)
    assert masuk(org.staf1.user).post(f"/kinerja/skp/{skp.pk}/pdf/").status_code == 405


def test_pdf_jumlah_kueri_tetap_1_dan_20_rhk(org):
    """Building a document reads its rows in a fixed number of queries: the SKP (pegawai,
    pejabat penilai with unit, unit), RHK (intervened RHK and PK joined), indicators and
    expectations; for an evaluation also its realisations."""
    client = masuk(org.kabid.user)
    for _ in range(19):
        tambah_rhk(Skp.objects.get(pegawai=org.staf2), uraian="RHK", rhk_atasan=org.rhk_kabid)
    periode = rules.periode_berjalan(timezone.localdate(), rules.TRIWULANAN)
    penilaian = {}
    for p in (org.staf1, org.staf2):
        penilaian[p.pk] = services.penilaian_buat(
            penilai=org.kabid, pegawai=p, periode=periode, rating_hasil_kerja="SESUAI",
            rating_perilaku="SESUAI", umpan_balik="Baik",
        ).pk  # fmt: skip

    def kueri(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    skp1, skp20 = (Skp.objects.get(pegawai=p).pk for p in (org.staf1, org.staf2))
    assert kueri(f"/kinerja/skp/{skp1}/pdf/") == kueri(f"/kinerja/skp/{skp20}/pdf/")
    assert kueri(f"/kinerja/penilaian/{penilaian[org.staf1.pk]}/pdf/") == kueri(
        f"/kinerja/penilaian/{penilaian[org.staf2.pk]}/pdf/"
    )
