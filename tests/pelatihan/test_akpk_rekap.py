"""The AKPK unit page reads the precomputed gap counts (`RekapAkpkUnit`, refreshed nightly):
summed over the units of the scope they equal the live set-based statement (the oracle,
`akpk_unit(..., langsung=True)`) for Admin BKD, an operator, a unit filter and an operator
whose own record and subordinates sit outside their unit; the page shows when it was
computed and warns when stale; the nightly job is on the schedule."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from jabatan.models import AsesmenKompetensi
from pelatihan import selectors, services
from pelatihan.models import RekapAkpkUnit, StempelRekapAkpk
from tests.factories import UnitKerjaFactory, UserFactory, operator

from .factories import KompetensiFactory, PegawaiFactory, jabatan_dengan_standar, tempatkan


def _baris(user, unit=None, *, langsung=False):
    return {
        b.kompetensi.pk: (b.pegawai_kesenjangan, b.belum_diases, b.rata_selisih)
        for b in selectors.akpk_unit(user, tahun=2026, unit=unit, langsung=langsung)
        if b.pegawai_kesenjangan or b.belum_diases
    }


def ases(pegawai, kompetensi, level, tanggal):
    return AsesmenKompetensi.objects.create(
        pegawai=pegawai, kompetensi=kompetensi, level=level, tanggal=tanggal,
        metode="UJI_KOMPETENSI",
    )  # fmt: skip


def _data_acak(org):
    acak = random.Random(1717)
    sub = UnitKerjaFactory(kode="DISKES-YAN", nama="Bidang Pelayanan", parent=org.diskes)
    kompetensi = [KompetensiFactory(nama=f"Kompetensi Rekap {i}") for i in range(5)]
    jabatan = [
        jabatan_dengan_standar({k: acak.randint(1, 5) for k in acak.sample(kompetensi, 3)},
                               nama=f"Jabatan Rekap {j}")
        for j in range(3)
    ]  # fmt: skip
    unit = [org.diskes, org.disdik, sub]
    pegawai = [PegawaiFactory(unit_kerja=acak.choice(unit)) for _ in range(30)]
    pegawai[0].aktif = False  # an inactive employee counts nowhere
    pegawai[0].save()
    for p in [*pegawai, org.siti, org.rizki, org.kabid_disdik]:
        if acak.random() < 0.9:
            tempatkan(p, acak.choice(jabatan))
        for k in kompetensi:
            for _ in range(acak.choice([0, 1, 1, 2, 3])):
                ases(p, k, acak.randint(1, 5), date(2025, acak.randint(1, 3), 1))  # many ties
    return sub


def test_rekap_sama_dengan_hitungan_langsung(org):
    sub = _data_acak(org)
    # The Diskes operator is also Hendra (placed in Disdik) with Rizki as subordinate: both
    # outside the unit, counted live on top of the table.
    op = org.operator_diskes
    org.kabid_disdik.user = op
    org.kabid_disdik.save()
    kasus = [(org.hr, None), (org.hr, org.diskes), (org.hr, sub), (org.hr, org.disdik),
             (op, None), (op, sub), (operator(org.disdik), None)]  # fmt: skip
    langsung = [_baris(u, unit, langsung=True) for u, unit in kasus]
    assert services.rekap_akpk_hitung() > 0
    assert StempelRekapAkpk.objects.count() == 1
    for (user, unit), oracle in zip(kasus, langsung, strict=True):
        assert oracle
        assert _baris(user, unit) == oracle, (user, unit)
    # The Diskes operator's scope reaches Rizki and Hendra (outside Diskes) too.
    assert _baris(op) != _baris(org.hr, org.diskes)


def test_rekap_tidak_berubah_sampai_dihitung_ulang(org):
    k = KompetensiFactory(nama="Surveilans Rekap")
    tempatkan(org.siti, jabatan_dengan_standar({k: 3}))
    ases(org.siti, k, 1, date(2025, 5, 1))
    call_command("hitung_rekap_akpk")
    assert _baris(org.hr) == {k.pk: (1, 0, 2.0)}
    ases(org.siti, k, 3, date(2025, 6, 1))  # gap closed after the count
    assert _baris(org.hr) == {k.pk: (1, 0, 2.0)}
    assert _baris(org.hr, langsung=True) == {}
    services.rekap_akpk_hitung()
    assert _baris(org.hr) == {} and RekapAkpkUnit.objects.count() == 0


def test_halaman_menampilkan_waktu_hitung_dan_peringatan_basi(client, org):
    k = KompetensiFactory(nama="Analisis Rekap")
    tempatkan(org.siti, jabatan_dengan_standar({k: 4}))
    client.force_login(org.hr)
    url = reverse("pelatihan:akpk-unit")
    html = client.get(url).content.decode()
    assert "dihitung pukul" not in html and "Analisis Rekap" in html  # never computed: live
    services.rekap_akpk_hitung()
    html = client.get(url).content.decode()
    assert "dihitung pukul" in html and "lebih dari sehari" not in html
    assert "Analisis Rekap" in html
    StempelRekapAkpk.objects.update(dihitung=timezone.now() - timedelta(days=2))
    assert "lebih dari sehari" in client.get(url).content.decode()


def test_rekap_dari_tabel_tetap_berlingkup(client, org):
    k = KompetensiFactory(nama="Kompetensi Disdik Saja")
    tempatkan(org.rizki, jabatan_dengan_standar({k: 4}))
    services.rekap_akpk_hitung()
    assert k.pk in _baris(org.hr)
    assert k.pk not in _baris(org.operator_diskes)
    client.force_login(org.operator_diskes)
    url = reverse("pelatihan:akpk-unit")
    assert "Kompetensi Disdik Saja" not in client.get(url).content.decode()
    pegawai_biasa = UserFactory()
    org.siti.user = pegawai_biasa
    org.siti.save()
    client.force_login(pegawai_biasa)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_tugas_malam_terjadwal(db):
    t = PeriodicTask.objects.get(task="pelatihan.tasks.hitung_rekap_akpk")
    assert t.enabled and t.crontab.hour == "2"
