"""The kenaikan pangkat eligibility filtered in SQL (`syarat_layak_kp`) selects exactly the
employees the rule (`karier.rules.kelayakan_kenaikan_pangkat`, the single source of truth)
judges eligible, on a varied data set: every golongan, TMT on both sides of the four-year
boundary (29 February included), each predikat, education and jabatan ceilings, and the
angka kredit path with the prorated share of the TMT's year landing exactly on a threshold.
Also: the page is paginated in SQL in the old order, counts match, scope holds, and the xlsx
is written row by row."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from jabatan.models import Jabatan, Penempatan
from karier import pengaturan, selectors
from kinerja.models import AngkaKredit, JenisAngkaKredit
from pegawai.models import Pegawai
from pegawai.rules import GOLONGAN_PNS
from tests.factories import PegawaiFactory

from .factories import penilaian_tahunan

PREDIKAT = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", None]
PENDIDIKAN = ["SD", "SLTA", "D3", "S1", "S2", "S3", ""]
TMT = [date(2022, 4, 1), date(2022, 4, 2), date(2022, 3, 31), date(2020, 2, 29),
       date(2022, 2, 28), date(2019, 7, 1), date(2024, 10, 1), None]  # fmt: skip


def _jabatan(kode: str, jenis: str, jenjang: str = "", eselon: str = "") -> Jabatan:
    return Jabatan.objects.create(
        kode=kode, nama=f"Jabatan {kode}", jenis=jenis, jenjang=jenjang, eselon=eselon,
        kelas_jabatan=8,
    )  # fmt: skip


def _data_acak(org, n: int = 90, seed: int = 17) -> list[Pegawai]:
    acak = random.Random(seed)
    jabatan = [
        None,
        _jabatan("PLK", "PELAKSANA"),
        _jabatan("AP", "FUNGSIONAL", jenjang="AHLI_PERTAMA"),
        _jabatan("AM", "FUNGSIONAL", jenjang="AHLI_MUDA"),
        _jabatan("TRP", "FUNGSIONAL", jenjang="TERAMPIL"),
        _jabatan("ES3", "ADMINISTRATOR", eselon="III.b"),
        _jabatan("ES4", "PENGAWAS", eselon="IV.a"),
    ]
    pegawai = []
    for _ in range(n):
        tmt = acak.choice(TMT)
        p = PegawaiFactory(
            unit_kerja=acak.choice([org.diskes, org.disdik]),
            status_kepegawaian=acak.choice(["PNS"] * 5 + ["PPPK"]),
            golongan=acak.choice(GOLONGAN_PNS),
            tmt_golongan=tmt,
            pendidikan_jenjang=acak.choice(PENDIDIKAN),
        )
        for tahun in (2025, 2024):
            predikat = acak.choice(PREDIKAT)
            if predikat:
                penilaian_tahunan(p, tahun, predikat)
        j = acak.choice(jabatan)
        if j is not None:
            Penempatan.objects.create(pegawai=p, jabatan=j, unit_kerja=p.unit_kerja, jenis="IMPOR")
            if j.jenjang:
                # Conversions around the thresholds (50/100/20/60...): the TMT's own year
                # prorated ((13 - month) / 12), earlier years not counted, adjustments whole.
                for tahun in range(2019, 2026):
                    if acak.random() < 0.7:
                        nilai = Decimal(acak.choice(["12", "12.5", "25", "37.5", "50", "6.25"]))
                        AngkaKredit.objects.create(
                            pegawai=p, tahun=tahun, jenis=JenisAngkaKredit.KONVERSI,
                            jenjang=j.jenjang, golongan=p.golongan, nilai=nilai,
                        )  # fmt: skip
                if acak.random() < 0.4:
                    AngkaKredit.objects.create(
                        pegawai=p, tahun=tmt.year if tmt else 2024,
                        jenis=JenisAngkaKredit.PENYESUAIAN, jenjang=j.jenjang,
                        golongan=p.golongan, nilai=Decimal(acak.choice(["3", "0.0001", "40"])),
                    )  # fmt: skip
        pegawai.append(p)
    return pegawai


def _tepat_di_ambang(org) -> Pegawai:
    """An Ahli Pertama III/a with TMT 1 April 2022: 2022 counts 9/12 of 40 = 30, plus 20 in
    2023 = exactly the 50 needed."""
    jab = _jabatan("AP-AMBANG", "FUNGSIONAL", jenjang="AHLI_PERTAMA")
    p = PegawaiFactory(unit_kerja=org.diskes, status_kepegawaian="PNS", golongan="III/a",
                       tmt_golongan=date(2022, 4, 1), pendidikan_jenjang="S1")  # fmt: skip
    Penempatan.objects.create(pegawai=p, jabatan=jab, unit_kerja=org.diskes, jenis="IMPOR")
    for tahun in (2025, 2024):
        penilaian_tahunan(p, tahun, "BAIK")
    AngkaKredit.objects.filter(pegawai=p).delete()  # the conversions of those appraisals
    for tahun, nilai in ((2021, "100"), (2022, "40"), (2023, "20")):
        AngkaKredit.objects.create(pegawai=p, tahun=tahun, jenis=JenisAngkaKredit.KONVERSI,
                                   jenjang="AHLI_PERTAMA", golongan="III/a",
                                   nilai=Decimal(nilai))  # fmt: skip
    return p


def test_filter_sql_sama_dengan_aturan_pada_data_beragam(org):
    _data_acak(org)
    ambang = _tepat_di_ambang(org)
    for kode in ("2026-04", "2026-10", "2024-02"):
        periode = pengaturan.periode_kp(kode)
        semua = selectors.kenaikan_pangkat(org.hr, periode=periode, semua=True)
        menurut_aturan = [b.pegawai_id for b in semua if b.hasil.layak]
        layak = selectors.kenaikan_pangkat(org.hr, periode=periode)
        assert [b.pegawai_id for b in layak] == menurut_aturan, kode
        assert all(b.hasil.layak for b in layak)
        assert len(layak) == layak.jumlah_layak == semua.jumlah_layak == len(menurut_aturan)
        assert len(semua) == Pegawai.objects.filter(aktif=True, status_kepegawaian="PNS").count()
        if kode == "2026-04":  # the data set has both kinds (2024-02 reads 2023 and 2022)
            assert 0 < len(menurut_aturan) < len(semua)
    periode = pengaturan.periode_kp("2026-04")
    baris = {b.pegawai_id: b for b in selectors.kenaikan_pangkat(org.hr, periode=periode)}
    assert baris[ambang.pk].hasil.angka_kredit == Decimal("50.0000")


def test_kurang_satu_per_sepuluh_ribu_tidak_layak(org):
    p = _tepat_di_ambang(org)
    AngkaKredit.objects.filter(pegawai=p, tahun=2023).update(nilai=Decimal("19.9999"))
    periode = pengaturan.periode_kp("2026-04")
    assert p.pk not in {b.pegawai_id for b in selectors.kenaikan_pangkat(org.hr, periode=periode)}
    semua = {b.pegawai_id: b for b in selectors.kenaikan_pangkat(org.hr, periode=periode,
                                                                   semua=True)}  # fmt: skip
    assert not semua[p.pk].hasil.layak


def test_halaman_dan_urutan_di_sql(org):
    _data_acak(org, n=60, seed=3)
    periode = pengaturan.periode_kp("2026-04")
    daftar = selectors.kenaikan_pangkat(org.hr, periode=periode, semua=True)
    semua = list(daftar)
    assert [b.pegawai_id for b in daftar[10:20]] == [b.pegawai_id for b in semua[10:20]]
    kunci = [(b.unit_kerja, b.nama, b.nip) for b in semua]
    assert [k[1:] for k in kunci] == sorted(k[1:] for k in kunci) or len({k[0] for k in kunci}) > 1
    # Chunked iteration (the export) gives the same rows as one read.
    kecil = selectors.DaftarKp(org.hr, periode=periode, semua=True, potong=7)
    assert [b.pegawai_id for b in kecil] == [b.pegawai_id for b in semua]


def test_operator_hanya_unitnya(org):
    pegawai = _data_acak(org, n=40, seed=5)
    periode = pengaturan.periode_kp("2026-04")
    diskes = {p.pk for p in pegawai if p.unit_kerja_id == org.diskes.pk}
    semua = selectors.kenaikan_pangkat(org.operator_diskes, periode=periode, semua=True)
    ids = {b.pegawai_id for b in semua}
    assert ids and ids <= diskes | {org.siti.pk, org.andi.pk, org.kabid.pk}
    assert not ids & {p.pk for p in pegawai if p.unit_kerja_id == org.disdik.pk}


def test_ekspor_xlsx_semua_baris_dan_jumlah_layak_di_halaman(client, org):
    _data_acak(org, n=30, seed=11)
    periode = pengaturan.periode_kp("2026-04")
    client.force_login(org.operator_diskes)
    resp = client.get(reverse("karier:kenaikan-pangkat"), {"periode": "2026-04"})
    layak = selectors.kenaikan_pangkat(org.operator_diskes, periode=periode)
    assert resp.context["jumlah_layak"] == len(layak)
    resp = client.get(
        reverse("karier:kenaikan-pangkat"), {"periode": "2026-04", "semua": "on", "format": "xlsx"}
    )
    assert resp.streaming
    lembar = load_workbook(BytesIO(resp.getvalue())).active
    nip = [r[0] for r in list(lembar.iter_rows(values_only=True))[1:]]
    semua = selectors.kenaikan_pangkat(org.operator_diskes, periode=periode, semua=True)
    assert nip == [b.nip for b in semua]


def test_halaman_satu_lintasan_sama_dengan_potongan_daftar(org):
    """The HTML page reads count, eligible count and its rows in one statement; it equals the
    slice of the whole list for every page, and a page number past the end (or not a
    number) gives the last (or the first) page as `Paginator.get_page` did."""
    _data_acak(org, n=60, seed=23)
    periode = pengaturan.periode_kp("2026-04")
    for semua in (True, False):
        penuh = list(selectors.kenaikan_pangkat(org.hr, periode=periode, semua=semua))
        layak = sum(1 for b in penuh if b.hasil.layak)
        per = max(1, len(penuh) // 4)
        akhir = (len(penuh) - 1) // per + 1
        assert akhir > 2
        for nomor, harapan in (("1", 1), ("2", 2), (str(akhir), akhir), ("999999", akhir),
                               ("abc", 1), ("0", akhir), (None, 1)):  # fmt: skip
            daftar = selectors.kenaikan_pangkat(org.hr, periode=periode, semua=semua)
            h = daftar.halaman(nomor, per)
            assert h.number == harapan
            assert h.paginator.count == len(penuh) and h.paginator.num_pages == akhir
            assert [b.pegawai_id for b in h.object_list] == [
                b.pegawai_id for b in penuh[(harapan - 1) * per : harapan * per]
            ]
            assert daftar.jumlah_layak == layak
    kosong = selectors.kenaikan_pangkat(org.operator_diskes, periode=periode,
                                        unit=org.disdik)  # fmt: skip
    h = kosong.halaman("5", 7)
    assert h.number == 1 and list(h.object_list) == [] and kosong.jumlah_layak == 0
