"""The JP ledger: completed sessions plus recognised nonklasikal activities, per calendar
year, against the target of the employee's status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aturan import katalog
from aturan.models import Aturan
from pelatihan import selectors, services
from pelatihan.models import CatatanJP, StatusSesi

from .factories import PegawaiFactory, PelatihanFactory, PesertaFactory, SesiFactory


def selesai(peserta, *, hadir=True, hasil="LULUS"):
    services.peserta_hasil_catat(peserta=peserta, hadir=hadir, hasil=hasil)
    sesi = peserta.sesi
    sesi.status = StatusSesi.SELESAI
    services.sesi_simpan(sesi=sesi)


def jp(pegawai, tahun: int) -> Decimal:
    return selectors.jp_pegawai(pegawai, tahun=tahun).jp


def test_sesi_selesai_dan_lulus_menambah_jp(org):
    peserta = PesertaFactory(pegawai=org.siti, sesi=SesiFactory(pelatihan__jp=24))
    services.peserta_hasil_catat(peserta=peserta, hadir=True, hasil="LULUS")
    assert jp(org.siti, 2026) == 0  # the session is not completed yet
    selesai(peserta)
    assert jp(org.siti, 2026) == 24
    peserta.refresh_from_db()
    assert peserta.jp_diakui == 24


@pytest.mark.parametrize(("hadir", "hasil"), [(False, ""), (True, "TIDAK_LULUS"), (None, "")])
def test_tidak_hadir_atau_tidak_lulus_tanpa_jp(org, hadir, hasil):
    peserta = PesertaFactory(pegawai=org.siti)
    selesai(peserta, hadir=hadir, hasil=hasil)
    assert jp(org.siti, 2026) == 0
    assert not CatatanJP.objects.exists()


def test_hasil_dikoreksi_jp_ikut_dikoreksi(org):
    peserta = PesertaFactory(pegawai=org.siti)
    selesai(peserta)
    services.peserta_hasil_catat(peserta=peserta, hadir=True, hasil="TIDAK_LULUS")
    assert jp(org.siti, 2026) == 0
    services.peserta_hasil_catat(peserta=peserta, hadir=True, hasil="LULUS")
    assert CatatanJP.objects.count() == 1


def test_sesi_melewati_tahun_baru_dihitung_pada_tahun_selesai(org):
    sesi = SesiFactory(
        pelatihan__jp=30, tanggal_mulai=date(2025, 12, 29), tanggal_selesai=date(2026, 1, 2)
    )
    selesai(PesertaFactory(pegawai=org.siti, sesi=sesi))
    assert jp(org.siti, 2025) == 0
    assert jp(org.siti, 2026) == 30


def test_kegiatan_nonklasikal_diakui_dan_idempoten_per_sumber(org):
    kwargs = dict(
        pegawai=org.siti, tanggal=date(2026, 5, 4), jenis="COACHING",
        uraian="Coaching oleh atasan", sumber="karier.coaching", sumber_id="17",
    )  # fmt: skip
    services.jp_akui(menit=90, **kwargs)
    services.jp_akui(menit=135, **kwargs)  # the same coaching session, corrected
    assert jp(org.siti, 2026) == Decimal("3.00")
    assert CatatanJP.objects.count() == 1
    services.jp_batalkan(sumber="karier.coaching", sumber_id="17")
    assert jp(org.siti, 2026) == 0


def test_jp_akui_menolak_masukan_yang_salah(org):
    with pytest.raises(ValidationError) as exc:
        services.jp_akui(
            pegawai=org.siti, tanggal=date(2026, 5, 4), jenis="MENTORING", uraian="x",
            sumber="karier.mentoring", sumber_id="1",
        )  # fmt: skip
    assert exc.value.message_dict["jp"] == ["Isi JP atau durasi dalam menit (salah satu)."]


def test_nonklasikal_di_akhir_tahun_tidak_masuk_tahun_berikutnya(org):
    services.jp_akui(
        pegawai=org.siti, tanggal=date(2025, 12, 31), jenis="E_LEARNING", uraian="E-learning",
        sumber="pelatihan.manual", sumber_id="a", jp=6,
    )  # fmt: skip
    services.jp_akui(
        pegawai=org.siti, tanggal=date(2026, 1, 1), jenis="SELF_STUDY", uraian="Belajar mandiri",
        sumber="pelatihan.manual", sumber_id="b", jp=2,
    )  # fmt: skip
    assert jp(org.siti, 2025) == 6
    assert jp(org.siti, 2026) == 2


def test_rekap_jp_target_per_status(org):
    """PNS: at least 20 JP. PPPK: at most 24 JP (a ceiling, never a shortfall)."""
    pppk = PegawaiFactory(pppk=True, unit_kerja=org.diskes)
    selesai(PesertaFactory(pegawai=org.siti, sesi=SesiFactory(pelatihan__jp=20)))
    selesai(PesertaFactory(pegawai=pppk, sesi=SesiFactory(pelatihan__jp=20)))
    rekap = {p.nip: p for p in selectors.rekap_jp(org.hr, tahun=2026)}
    assert (rekap[org.siti.nip].jp, rekap[org.siti.nip].target) == (20, 20)
    assert rekap[org.siti.nip].memenuhi
    assert (rekap[pppk.nip].jp, rekap[pppk.nip].target, rekap[pppk.nip].maksimal) == (20, None, 24)
    assert rekap[pppk.nip].memenuhi and not rekap[pppk.nip].melebihi
    # A later regulation (a new rule row) raises the PNS floor from its date on.
    Aturan.objects.create(
        kode=katalog.JP_BATAS_TAHUNAN, berlaku_mulai=date(2026, 12, 31), regulasi="Uji",
        nilai={"PNS": {"minimal": 25}, "PPPK": {"maksimal": 24}},
    )  # fmt: skip
    assert not selectors.rekap_jp(org.hr, tahun=2026).get(nip=org.siti.nip).memenuhi
    assert selectors.rekap_jp(org.hr, tahun=2025).get(nip=org.siti.nip).target == 20


class TestApiJP:
    url = "/api/v1/pelatihan/jp/"

    def test_pegawai_hanya_melihat_dirinya(self, client, org):
        selesai(PesertaFactory(pegawai=org.siti, sesi=SesiFactory(pelatihan__jp=12)))
        client.force_login(org.siti.user)
        data = client.get(self.url, {"tahun": 2026}).json()
        assert [r["nip"] for r in data["results"]] == [org.siti.nip]
        r = data["results"][0]
        assert (r["jp"], r["target"], r["memenuhi"], r["kekurangan"]) == (12, 20, False, 8)

    def test_atasan_melihat_bawahan_operator_unitnya(self, client, org):
        client.force_login(org.kabid.user)
        nip = {r["nip"] for r in client.get(self.url).json()["results"]}
        assert nip == {org.kabid.nip, org.siti.nip, org.andi.nip}
        client.force_login(org.operator_diskes)
        nip = {r["nip"] for r in client.get(self.url).json()["results"]}
        assert org.rizki.nip not in nip and org.siti.nip in nip

    def test_filter_unit_dan_kurang(self, client, org):
        selesai(PesertaFactory(pegawai=org.siti, sesi=SesiFactory(pelatihan__jp=20)))
        client.force_login(org.hr)
        data = client.get(self.url, {"unit_kerja": org.diskes.pk, "kurang": "1"}).json()
        assert {r["nip"] for r in data["results"]} == {org.kabid.nip, org.andi.nip}

    @pytest.mark.parametrize(
        ("params", "field"),
        [({"tahun": "dua ribu"}, "tahun"), ({"tahun": "1999"}, "tahun"),
         ({"unit_kerja": "x"}, "unit_kerja"), ({"unit_kerja": "999999"}, "unit_kerja")],
    )  # fmt: skip
    def test_parameter_salah_400(self, client, org, params, field):
        client.force_login(org.hr)
        resp = client.get(self.url, params)
        assert resp.status_code == 400
        assert field in resp.json()

    def test_tanpa_login_401(self, client, db):
        assert client.get(self.url).status_code == 401

    def test_jumlah_query_tetap(self, client, org):
        pelatihan = PelatihanFactory(jp=8)
        client.force_login(org.hr)
        client.get(self.url)  # warm the session/auth caches
        with CaptureQueriesContext(connection) as sedikit:
            assert client.get(self.url).status_code == 200
        for _ in range(45):
            p = PegawaiFactory(unit_kerja=org.diskes)
            selesai(PesertaFactory(pegawai=p, sesi=SesiFactory(pelatihan=pelatihan)))
        with CaptureQueriesContext(connection) as banyak:
            data = client.get(self.url).json()
        assert len(data["results"]) == 50
        # session, user, the role lookups (group, operator, pegawai), the page with
        # the JP and target subqueries: the same whatever the number of rows.
        assert len(banyak) == len(sedikit)


def test_peserta_dihapus_jp_sesinya_ikut_dibatalkan(org):
    peserta = PesertaFactory(pegawai=org.siti, sesi=SesiFactory(pelatihan__jp=24))
    selesai(peserta)
    assert jp(org.siti, 2026) == 24
    services.peserta_hapus(peserta=peserta, oleh=org.operator_diskes)
    assert jp(org.siti, 2026) == 0
    assert not CatatanJP.objects.filter(pegawai=org.siti).exists()


def test_peserta_di_luar_unit_tidak_dapat_dihapus(org):
    peserta = PesertaFactory(pegawai=org.rizki, sesi=SesiFactory(pelatihan__jp=24))
    selesai(peserta)
    with pytest.raises(ValidationError) as exc:
        services.peserta_hapus(peserta=peserta, oleh=org.operator_diskes)
    assert "pegawai" in exc.value.message_dict
    assert jp(org.rizki, 2026) == 24
