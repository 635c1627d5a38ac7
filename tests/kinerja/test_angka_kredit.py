"""Angka kredit (PermenPANRB 1/2023, DOMAIN.md §3): the annual conversion for every jenjang
and predikat of the seeded table, the cumulative ledger, the hook on the annual appraisal
(each side of the rule's effective date), the PDF, the scoped export and HR adjustments."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tablib import Dataset

from aturan.data_awal import KOEFISIEN_AK, PERSENTASE_AK
from jabatan.models import Penempatan
from kinerja import rules
from kinerja.angka_kredit import angka_kredit_catat, ringkasan_pegawai
from kinerja.models import AngkaKredit, Penilaian
from tests.factories import PegawaiFactory
from tests.jabatan.factories import JabatanFactory
from tests.kinerja.factories import skp_disetujui
from tests.kinerja.pdfteks import teks_pdf
from tests.kinerja.test_dokumen import masuk

# DOMAIN.md §3: coefficient per jenjang and percentage per predikat.
KOEFISIEN = {"PEMULA": "3.75", "TERAMPIL": "5", "MAHIR": "12.5", "PENYELIA": "25",
             "AHLI_PERTAMA": "12.5", "AHLI_MUDA": "25", "AHLI_MADYA": "37.5",
             "AHLI_UTAMA": "50"}  # fmt: skip
PERSEN = {"SANGAT_BAIK": 150, "BAIK": 100, "BUTUH_PERBAIKAN": 75, "KURANG": 50,
          "SANGAT_KURANG": 25}  # fmt: skip


def test_tabel_bawaan_persis_domain():
    assert KOEFISIEN_AK == KOEFISIEN
    assert PERSENTASE_AK == PERSEN


@pytest.mark.parametrize("jenjang", list(KOEFISIEN))
@pytest.mark.parametrize("predikat", list(PERSEN))
def test_konversi_tahunan_setiap_jenjang_dan_predikat(jenjang, predikat):
    k, p, nilai = rules.angka_kredit_tahunan(
        predikat=predikat, jenjang=jenjang, koefisien=KOEFISIEN_AK, persentase=PERSENTASE_AK
    )
    assert (k, p) == (Decimal(KOEFISIEN[jenjang]), Decimal(PERSEN[predikat]))
    assert nilai == Decimal(KOEFISIEN[jenjang]) * PERSEN[predikat] / 100


def test_contoh_konversi_dihitung_tangan():
    def ak(j, p):
        return rules.angka_kredit_tahunan(
            predikat=p, jenjang=j, koefisien=KOEFISIEN_AK, persentase=PERSENTASE_AK
        )[2]

    assert ak("AHLI_PERTAMA", "BAIK") == Decimal("12.5")
    assert ak("AHLI_PERTAMA", "BUTUH_PERBAIKAN") == Decimal("9.375")
    assert ak("PEMULA", "SANGAT_KURANG") == Decimal("0.9375")  # exact, never rounded
    assert ak("PEMULA", "BUTUH_PERBAIKAN") == Decimal("2.8125")
    assert ak("AHLI_UTAMA", "SANGAT_BAIK") == Decimal("75")


def test_bukan_fungsional_tanpa_konversi_dan_predikat_tak_dikenal_ditolak():
    assert rules.angka_kredit_tahunan(predikat="BAIK", jenjang="", koefisien=KOEFISIEN_AK,
                                      persentase=PERSENTASE_AK) is None  # fmt: skip
    with pytest.raises(rules.AturanError, match="persentase"):
        rules.angka_kredit_tahunan(predikat="ISTIMEWA", jenjang="AHLI_MUDA",
                                   koefisien=KOEFISIEN_AK, persentase=PERSENTASE_AK)  # fmt: skip


@pytest.mark.parametrize(
    ("sejak", "total"),
    [
        (None, Decimal("40")),  # no TMT: everything counts
        (date(2023, 1, 1), Decimal("40")),  # the TMT year counts 12/12
        (date(2023, 4, 1), Decimal("36.875")),  # 9/12 of 12.5 + 12.5 + 15
        (date(2023, 12, 1), Decimal("28.5416")),  # 1/12 of 12.5, rounded down
        (date(2024, 1, 1), Decimal("27.5")),  # 2023 no longer counts
        (date(2025, 7, 1), Decimal("7.5")),  # 6/12 of the 2025 conversion
    ],
)
def test_kumulatif_sejak_tmt_golongan(sejak, total):
    entri = [(2023, Decimal("12.5"), True), (2024, Decimal("12.5"), True),
             (2025, Decimal("15"), True)]  # fmt: skip
    assert rules.angka_kredit_kumulatif(entri, sejak) == total


def test_penyesuaian_hr_dihitung_utuh_sejak_tahun_tmt():
    entri = [(2023, Decimal("30"), False), (2022, Decimal("99"), False)]
    assert rules.angka_kredit_kumulatif(entri, date(2023, 10, 1)) == Decimal("30")


# --- The ledger from appraisals ----------------------------------------------------------------


def _fungsional(org, pegawai, jenjang="AHLI_PERTAMA"):
    Penempatan.objects.create(pegawai=pegawai, jabatan=JabatanFactory(jenjang=jenjang),
                              unit_kerja=pegawai.unit_kerja, jenis="IMPOR")  # fmt: skip


def _tahunan(org, pegawai, tahun, predikat="BAIK") -> Penilaian:
    skp = skp_disetujui(pegawai, tahun=tahun, rhk_atasan=None)
    return Penilaian.objects.create(
        pegawai=pegawai, skp=skp, penilai=org.kabid, unit_kerja=pegawai.unit_kerja,
        periode=str(tahun), jenis_periode="TAHUNAN", tahun=tahun, tanggal_akhir=date(tahun, 12, 31),
        rating_hasil_kerja="SESUAI", rating_perilaku="SESUAI", predikat=predikat, umpan_balik="-",
    )  # fmt: skip


def test_penilaian_tahunan_menulis_dan_memperbarui_konversi(org):
    _fungsional(org, org.staf1)
    p = _tahunan(org, org.staf1, 2025)
    baris = AngkaKredit.objects.get(pegawai=org.staf1, tahun=2025)
    assert (baris.jenis, baris.jenjang, baris.predikat, baris.nilai) == (
        "KONVERSI", "AHLI_PERTAMA", "BAIK", Decimal("12.5")
    )
    assert baris.dasar_aturan.startswith("PermenPANRB Nomor 1 Tahun 2023")
    # HR corrects the predikat after an objection: the row follows, still one row.
    p.predikat = "SANGAT_BAIK"
    p.save()
    assert AngkaKredit.objects.get(pegawai=org.staf1, tahun=2025).nilai == Decimal("18.75")
    angka_kredit_catat(penilaian=p)  # re-running changes nothing
    assert AngkaKredit.objects.filter(pegawai=org.staf1).count() == 1


def test_tanpa_konversi_sebelum_aturan_atau_di_luar_jabatan_fungsional(org):
    _fungsional(org, org.staf1)
    _tahunan(org, org.staf1, 2022)  # PermenPANRB 1/2023 rows start on 1 January 2023
    _tahunan(org, org.staf1, 2023)
    _tahunan(org, org.staf2, 2025)  # no jabatan fungsional
    assert list(AngkaKredit.objects.values_list("pegawai", "tahun")) == [(org.staf1.pk, 2023)]


def test_ringkasan_karier_dan_ambang_kelayakan(org):
    _fungsional(org, org.staf1)
    type(org.staf1).objects.filter(pk=org.staf1.pk).update(
        golongan="III/a", tmt_golongan=date(2023, 1, 1)
    )
    org.staf1.refresh_from_db()
    for tahun in (2023, 2024, 2025):
        _tahunan(org, org.staf1, tahun)
    r = ringkasan_pegawai(org.staf1, pada=date(2026, 4, 1))
    # 3 × 12.5 = 37.5 of the 50 Ahli Pertama III/a needs (verify).
    assert (r.kumulatif, r.kebutuhan, r.kurang) == (Decimal("37.5"), Decimal(50), Decimal("12.5"))


def test_pdf_menampilkan_konversi_dan_kumulatif(org):
    _fungsional(org, org.staf1)
    p = _tahunan(org, org.staf1, 2025, "SANGAT_BAIK")
    teks = teks_pdf(masuk(org.staf1.user).get(f"/kinerja/penilaian/{p.pk}/pdf/").content)
    assert "ANGKA KREDIT (PermenPANRB 1/2023)" in teks
    assert "koefisien 12,5 × 150% (Sangat Baik) = 18,75" in teks


def test_pdf_non_fungsional_tanpa_angka_kredit(org):
    p = _tahunan(org, org.staf2, 2025)
    teks = teks_pdf(masuk(org.staf2.user).get(f"/kinerja/penilaian/{p.pk}/pdf/").content)
    assert "ANGKA KREDIT" not in teks


# --- Admin: scoped export, adjustments ---------------------------------------------------------


def _ekspor(client, **filter_):
    url = reverse("admin:kinerja_angkakredit_export")
    page = client.get(url, filter_).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "xlsx")
    kolom = re.findall(r'name="(angkakreditresource_[a-z_]+)"', page)
    resp = client.post(url + ("?" + "&".join(f"{k}={v}" for k, v in filter_.items())
                              if filter_ else ""),
                       {"format": indeks, **{f: "on" for f in kolom}})  # fmt: skip
    return Dataset().load(BytesIO(resp.content).read(), format="xlsx")


def test_ekspor_per_unit_terlingkup(client, org):
    _fungsional(org, org.staf1)
    _fungsional(org, org.guru, "AHLI_MUDA")
    _tahunan(org, org.staf1, 2025)
    _tahunan(org, org.guru, 2025)
    client.force_login(org.op_diskes)
    data = _ekspor(client)
    assert [r[:2] for r in data] == [(org.staf1.nip, org.staf1.nama)]
    assert data.headers[:4] == ["NIP", "Nama", "Unit kerja", "Tahun"]
    client.force_login(org.admin)
    assert {r[0] for r in _ekspor(client)} == {org.staf1.nip, org.guru.nip}
    assert {r[0] for r in _ekspor(client, unit=org.disdik.pk)} == {org.guru.nip}


def test_penyesuaian_hr_wajib_alasan_dan_konversi_hanya_dibaca(client, org):
    _fungsional(org, org.staf1)
    p = _tahunan(org, org.staf1, 2025)
    with pytest.raises(ValidationError, match="dasar penyesuaian"):
        AngkaKredit(pegawai=org.staf1, tahun=2024, jenjang="AHLI_PERTAMA",
                    nilai=Decimal(30)).full_clean()  # fmt: skip
    client.force_login(org.admin)
    resp = client.post(reverse("admin:kinerja_angkakredit_add"), {
        "pegawai": org.staf1.pk, "tahun": 2024, "jenis": "PENYESUAIAN",
        "jenjang": "AHLI_PERTAMA", "golongan": "III/b", "nilai": "30",
        "keterangan": "AK integrasi (PAK 2022)"})  # fmt: skip
    assert resp.status_code == 302, resp.content.decode()[:3000]
    assert AngkaKredit.objects.filter(pegawai=org.staf1).count() == 2
    konversi = AngkaKredit.objects.get(penilaian=p)
    resp = client.post(reverse("admin:kinerja_angkakredit_change", args=[konversi.pk]),
                       {"nilai": "99"})  # fmt: skip
    assert AngkaKredit.objects.get(pk=konversi.pk).nilai == Decimal("12.5")


def test_changelist_jumlah_query_datar(client, org):
    def hitung() -> int:
        client.force_login(org.admin)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("admin:kinerja_angkakredit_changelist")).status_code == 200
        return len(ctx)

    AngkaKredit.objects.create(pegawai=org.staf1, tahun=2025, jenjang="AHLI_MUDA", nilai=25,
                               keterangan="uji")  # fmt: skip
    satu = hitung()
    for p in PegawaiFactory.create_batch(49, unit_kerja=org.diskes):
        AngkaKredit.objects.create(pegawai=p, tahun=2025, jenjang="AHLI_MUDA", nilai=25,
                                   keterangan="uji")  # fmt: skip
    # Session, user, groups/permissions, the scope, the unit filter's choices, the count and
    # the page of rows with their employee (select_related): the same for 1 and 50 rows.
    assert hitung() == satu
