"""The unit needs analysis (AKPK) read in one set-based statement gives exactly what the
previous per-row reading gave (kept here as the oracle, `_akpk_unit_lama`): the latest
assessment chosen by date and, on the same date, by the later row; never-assessed
standards; the scope of an operator; and the appraisal provider is not asked over the scope
when it maps no competency."""

from __future__ import annotations

import random
from datetime import date

from django.db.models import Avg, Count, F, OuterRef, Q, Subquery

from jabatan.models import AsesmenKompetensi, StandarKompetensi
from pelatihan import akpk, selectors
from pelatihan.models import KebutuhanPelatihan

from .factories import KompetensiFactory, PegawaiFactory, jabatan_dengan_standar, tempatkan


def _akpk_unit_lama(user, unit=None) -> dict[int, tuple[int, int, float | None]]:
    """The gaps as the per-row correlated subquery computed them before issue 17."""
    lingkup = selectors._pegawai_lingkup(user, unit)
    terakhir = Subquery(
        AsesmenKompetensi.objects.filter(
            pegawai_id=OuterRef("jabatan__penempatan__pegawai_id"),
            kompetensi_id=OuterRef("kompetensi_id"),
        )
        .order_by("-tanggal", "-id")
        .values("level")[:1]
    )
    rows = (
        StandarKompetensi.objects.filter(
            jabatan__penempatan__aktif=True, jabatan__penempatan__pegawai__in=lingkup
        )
        .annotate(hasil=terakhir)
        .filter(Q(hasil__isnull=True) | Q(hasil__lt=F("level")))
        .order_by()
        .values("kompetensi_id")
        .annotate(
            gap=Count("id", filter=Q(hasil__isnull=False)),
            belum=Count("id", filter=Q(hasil__isnull=True)),
            rata=Avg(F("level") - F("hasil"), filter=Q(hasil__isnull=False)),
        )
    )
    return {
        r["kompetensi_id"]: (
            r["gap"], r["belum"], round(float(r["rata"]), 2) if r["rata"] else None
        )
        for r in rows
    }


def _akpk_unit_baru(user, unit=None) -> dict[int, tuple[int, int, float | None]]:
    return {
        b.kompetensi.pk: (b.pegawai_kesenjangan, b.belum_diases, b.rata_selisih)
        for b in selectors.akpk_unit(user, tahun=2026, unit=unit)
        if b.pegawai_kesenjangan or b.belum_diases
    }


def ases(pegawai, kompetensi, level, tanggal):
    return AsesmenKompetensi.objects.create(
        pegawai=pegawai, kompetensi=kompetensi, level=level, tanggal=tanggal,
        metode="UJI_KOMPETENSI",
    )  # fmt: skip


def test_asesmen_terakhir_menurut_tanggal_lalu_baris_terakhir(org):
    k = KompetensiFactory(nama="Surveilans Uji")
    tempatkan(org.siti, jabatan_dengan_standar({k: 3}))
    # Same date twice: the later row (higher id) counts, 2 after 4 → a gap of 1.
    ases(org.siti, k, 4, date(2025, 5, 1))
    ases(org.siti, k, 2, date(2025, 5, 1))
    ases(org.siti, k, 5, date(2024, 1, 1))  # older, ignored
    assert _akpk_unit_baru(org.hr) == _akpk_unit_lama(org.hr) == {k.pk: (1, 0, 1.0)}
    # A newer assessment at the standard closes the gap.
    ases(org.siti, k, 3, date(2025, 5, 2))
    assert _akpk_unit_baru(org.hr) == _akpk_unit_lama(org.hr) == {}


def test_standar_belum_diases_dan_cakupan_operator(org):
    k = KompetensiFactory(nama="Analisis Data Uji")
    jabatan = jabatan_dengan_standar({k: 4})
    for p in (org.siti, org.andi, org.rizki):
        tempatkan(p, jabatan)
    ases(org.siti, k, 1, date(2025, 1, 1))
    ases(org.rizki, k, 2, date(2025, 1, 1))  # another unit: not the Diskes operator's
    assert _akpk_unit_baru(org.operator_diskes) == _akpk_unit_lama(org.operator_diskes) == {
        k.pk: (1, 1, 3.0)  # Siti 4-1; Andi never assessed
    }
    assert _akpk_unit_baru(org.hr) == _akpk_unit_lama(org.hr) == {k.pk: (2, 1, 2.5)}
    assert _akpk_unit_baru(org.hr, org.disdik) == {k.pk: (1, 0, 2.0)}


def test_akpk_unit_sama_dengan_cara_lama_pada_data_acak(org):
    acak = random.Random(17)
    kompetensi = [KompetensiFactory(nama=f"Kompetensi Uji {i}") for i in range(5)]
    jabatan = [
        jabatan_dengan_standar({k: acak.randint(1, 5) for k in acak.sample(kompetensi, 3)},
                               nama=f"Jabatan Uji {j}")
        for j in range(3)
    ]  # fmt: skip
    pegawai = [PegawaiFactory(unit_kerja=acak.choice([org.diskes, org.disdik])) for _ in range(25)]
    for p in pegawai:
        if acak.random() < 0.9:
            tempatkan(p, acak.choice(jabatan))
        for k in kompetensi:
            for _ in range(acak.choice([0, 1, 1, 2, 3])):
                ases(p, k, acak.randint(1, 5), date(2025, acak.randint(1, 3), 1))  # many ties
    for user, unit in ((org.hr, None), (org.operator_diskes, None), (org.hr, org.diskes)):
        lama, baru = _akpk_unit_lama(user, unit), _akpk_unit_baru(user, unit)
        assert baru == lama and lama


def test_penyedia_tanpa_kompetensi_tidak_dipanggil_untuk_unit(org):
    dipanggil = []

    def penyedia(ids, tahun):
        dipanggil.append(len(ids))
        return []

    penyedia.memberi_kompetensi = False
    akpk.daftarkan_penyedia_kelemahan("uji", penyedia)
    try:
        selectors.akpk_unit(org.hr, tahun=2026)
        assert dipanggil == []
        selectors.akpk_pegawai(org.siti, tahun=2026)  # the employee page still asks it
        assert dipanggil == [1]
    finally:
        akpk.hapus_penyedia_kelemahan("uji")


def test_tindak_lanjut_tetap_dihitung(org):
    k = KompetensiFactory(nama="Kompetensi Tindak Lanjut")
    KebutuhanPelatihan.objects.create(
        pegawai=org.siti, kompetensi=k, sumber="USULAN", tahun=2026, status="TERBUKA"
    )
    baris = {b.kompetensi.pk: b for b in selectors.akpk_unit(org.operator_diskes, tahun=2026)}
    assert baris[k.pk].tindak_lanjut == 1
    assert k.pk not in {
        b.kompetensi.pk for b in selectors.akpk_unit(org.hr, tahun=2026, unit=org.disdik)
    }
