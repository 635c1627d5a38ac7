"""Appraisal with preview and correction: the period chosen from the pemda's periods, the
no-JS preview step, a scored period opening its appraisal, corrections with history until
the employee responds or the deadline passes, and `penilaian_final` sent again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kinerja import rules, services, signals
from kinerja.models import Penilaian, RevisiPenilaian
from kinerja.services import TidakBerwenang

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


# --- rules: the periods on offer and the correction deadline ---------------------------------


TAHUN_LALU = ["2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1", "2025"]


@pytest.mark.parametrize(
    ("hari_ini", "jenis", "harapan"),
    [
        (date(2026, 1, 1), rules.TRIWULANAN, ["2026-Q1", "2026"] + TAHUN_LALU),
        (date(2026, 3, 31), rules.TRIWULANAN, ["2026-Q1", "2026"] + TAHUN_LALU),
        (date(2026, 4, 1), rules.TRIWULANAN, ["2026-Q2", "2026-Q1", "2026"] + TAHUN_LALU),
    ],
)  # fmt: skip
def test_periode_pilihan_triwulanan(hari_ini, jenis, harapan):
    assert [p.kode for p in rules.periode_pilihan(hari_ini, jenis)] == harapan


def test_periode_pilihan_bulanan_hanya_bulanan_dan_tahunan():
    kode = [p.kode for p in rules.periode_pilihan(date(2026, 2, 28), rules.BULANAN)]
    assert kode[:3] == ["2026-02", "2026-01", "2026"]
    assert "2026-03" not in kode and not any("Q" in k for k in kode)
    assert kode[3:5] == ["2025-12", "2025-11"] and kode[-1] == "2025"


@pytest.mark.parametrize(
    ("hari_ini", "tanggapan", "boleh"),
    [
        (date(2026, 4, 30), "", True),  # on the deadline (31 March + 30 days)
        (date(2026, 5, 1), "", False),  # one day over
        (date(2026, 4, 29), "", True),  # one day under
        (date(2026, 4, 1), "DITERIMA", False),  # acknowledged
    ],
)
def test_batas_koreksi(hari_ini, tanggapan, boleh):
    assert (
        rules.penilaian_bisa_dikoreksi(
            tanggapan=tanggapan,
            akhir_periode=date(2026, 3, 31),
            hari_ini=hari_ini,
            hari_tenggang=30,
        )
        is boleh
    )


# --- service -------------------------------------------------------------------------------


def _nilai(org, **ubah) -> Penilaian:
    data = {
        "penilai": org.kabid,
        "pegawai": org.staf1,
        "periode": rules.periode_berjalan(timezone.localdate(), rules.TRIWULANAN),
        "rating_hasil_kerja": "SESUAI",
        "rating_perilaku": "SESUAI",
        "umpan_balik": "Cukup baik.",
    }
    data.update(ubah)
    return services.penilaian_buat(**data)


def _ubah(p: Penilaian, oleh, **ubah) -> Penilaian:
    data = {
        "penilaian": p,
        "oleh": oleh,
        "alasan": "Salah pilih rating hasil kerja.",
        "rating_hasil_kerja": "DI_ATAS",
        "rating_perilaku": "DI_ATAS",
        "umpan_balik": "Target terlampaui.",
    }
    data.update(ubah)
    return services.penilaian_ubah(**data)


def test_koreksi_mengubah_predikat_menyimpan_riwayat_dan_mengirim_sinyal_lagi(org):
    p = _nilai(org)
    diterima = []

    def dengar(sender, *, penilaian, **kw):
        diterima.append(penilaian.predikat)

    signals.penilaian_final.connect(dengar)
    try:
        _ubah(p, org.kabid.user)
    finally:
        signals.penilaian_final.disconnect(dengar)
    p.refresh_from_db()
    assert p.predikat == "SANGAT_BAIK"
    assert diterima == ["SANGAT_BAIK"]
    [rev] = RevisiPenilaian.objects.filter(penilaian=p)
    assert rev.oleh == org.kabid
    assert rev.alasan == "Salah pilih rating hasil kerja."
    assert rev.sebelum["predikat"] == "BAIK"
    assert rev.sebelum["umpan_balik"] == "Cukup baik."


def test_koreksi_tanpa_alasan_ditolak_tanpa_perubahan(org):
    p = _nilai(org)
    with pytest.raises(ValidationError) as exc:
        _ubah(p, org.kabid.user, alasan="  ")
    assert "alasan" in exc.value.message_dict
    p.refresh_from_db()
    assert p.predikat == "BAIK" and not RevisiPenilaian.objects.exists()


def test_koreksi_setelah_ditanggapi_ditolak(org):
    p = _nilai(org)
    services.penilaian_terima(penilaian=p, oleh=org.staf1.user)
    with pytest.raises(ValidationError):
        _ubah(p, org.kabid.user)


def test_koreksi_lewat_batas_ditolak(org, settings):
    settings.KINERJA_TENGGANG_KOREKSI_PENILAIAN_HARI = 0
    tahun_lalu = str(timezone.localdate().year - 1)
    from tests.kinerja.factories import skp_disetujui

    skp_disetujui(org.staf1, tahun=int(tahun_lalu), rhk_atasan=None)
    p = _nilai(org, periode=tahun_lalu)
    with pytest.raises(ValidationError) as exc:
        _ubah(p, org.kabid.user)
    assert "Batas koreksi" in exc.value.message_dict["periode"][0]


def test_koreksi_hanya_oleh_penilai(org):
    p = _nilai(org)
    with pytest.raises(TidakBerwenang):
        _ubah(p, org.kabid2.user)
    with pytest.raises(TidakBerwenang):
        _ubah(p, org.staf1.user)


# --- pages ---------------------------------------------------------------------------------


def _isian(org, **ubah) -> dict:
    data = {
        "periode": rules.periode_berjalan(timezone.localdate(), rules.TRIWULANAN),
        "rating_hasil_kerja": "DI_BAWAH",
        "rating_perilaku": "DI_ATAS",
        "umpan_balik": "Perlu ditingkatkan.",
        f"realisasi_{org.rhk1.pk}": "0",
    }
    data.update(ubah)
    return data


def test_pratinjau_tanpa_js_menampilkan_predikat_tanpa_menyimpan(org):
    resp = masuk(org.kabid.user).post(
        f"/kinerja/penilaian/baru/{org.staf1.nip}/", _isian(org, aksi="pratinjau")
    )
    assert resp.status_code == 200
    assert '<output id="predikat-pratinjau"' in resp.content.decode()
    assert "Butuh Perbaikan</output>" in resp.content.decode()
    assert not Penilaian.objects.exists()


def test_periode_dipilih_dari_daftar_bukan_diketik(org):
    html = masuk(org.kabid.user).get(f"/kinerja/penilaian/baru/{org.staf1.nip}/").content.decode()
    assert '<select id="id_periode_ganti" name="periode">' in html
    # A monthly code in a quarterly pemda is not on the list: the current period is shown.
    bulan = f"{timezone.localdate():%Y-%m}"
    resp = masuk(org.kabid.user).get(f"/kinerja/penilaian/baru/{org.staf1.nip}/?periode={bulan}")
    assert resp.context["periode"].kode == rules.periode_berjalan(
        timezone.localdate(), rules.TRIWULANAN
    )


def test_periode_yang_sudah_dinilai_membuka_penilaiannya(org):
    p = _nilai(org)
    klien = masuk(org.kabid.user)
    resp = klien.get(f"/kinerja/penilaian/baru/{org.staf1.nip}/?periode={p.periode}")
    assert resp.status_code == 302 and resp.url == f"/kinerja/penilaian/{p.pk}/ubah/"
    services.penilaian_terima(penilaian=p, oleh=org.staf1.user)
    resp = klien.get(f"/kinerja/penilaian/baru/{org.staf1.nip}/?periode={p.periode}")
    assert resp.url == f"/kinerja/penilaian/{p.pk}/"


def test_halaman_ubah_menyimpan_dan_riwayat_tampil(org):
    p = _nilai(org)
    klien = masuk(org.kabid.user)
    resp = klien.post(
        f"/kinerja/penilaian/{p.pk}/ubah/",
        {
            "rating_hasil_kerja": "DI_ATAS",
            "rating_perilaku": "SESUAI",
            "umpan_balik": "Diperbaiki.",
            "alasan": "Realisasi baru masuk.",
            f"realisasi_{org.rhk1.pk}": "0",
        },
    )
    assert resp.status_code == 302
    html = klien.get(f"/kinerja/penilaian/{p.pk}/").content.decode()
    assert "Riwayat perubahan" in html and "Realisasi baru masuk." in html
    # The employee sees the history but no edit button; another supervisor gets nothing.
    html = masuk(org.staf1.user).get(f"/kinerja/penilaian/{p.pk}/").content.decode()
    assert "Realisasi baru masuk." in html and "Ubah Penilaian" not in html
    assert masuk(org.staf1.user).get(f"/kinerja/penilaian/{p.pk}/ubah/").status_code == 404
    assert masuk(org.kabid2.user).get(f"/kinerja/penilaian/{p.pk}/ubah/").status_code == 404


def test_halaman_ubah_setelah_batas_kembali_ke_rincian(org, settings):
    p = _nilai(org)
    Penilaian.objects.filter(pk=p.pk).update(
        tanggal_akhir=timezone.localdate() - timedelta(days=31)
    )
    resp = masuk(org.kabid.user).get(f"/kinerja/penilaian/{p.pk}/ubah/")
    assert resp.status_code == 302 and resp.url == f"/kinerja/penilaian/{p.pk}/"
