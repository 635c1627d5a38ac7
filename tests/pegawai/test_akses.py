"""The access scope, role by role: who may see and act on whom."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pegawai import akses
from tests.factories import PegawaiFactory, UnitKerjaFactory, UserFactory, admin_bkd, operator

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    dinas = UnitKerjaFactory(kode="DINAS")
    bidang = UnitKerjaFactory(kode="DINAS-BIDANG", parent=dinas)
    lain = UnitKerjaFactory(kode="LAIN")
    kepala = PegawaiFactory(unit_kerja=dinas)
    kabid = PegawaiFactory(unit_kerja=bidang, atasan=kepala)
    staf1 = PegawaiFactory(unit_kerja=bidang, atasan=kabid)
    staf2 = PegawaiFactory(unit_kerja=bidang, atasan=kabid)
    orang_lain = PegawaiFactory(unit_kerja=lain)
    return dict(dinas=dinas, bidang=bidang, lain=lain, kepala=kepala, kabid=kabid,
                staf1=staf1, staf2=staf2, orang_lain=orang_lain)  # fmt: skip


def nips(qs):
    return set(qs.values_list("nip", flat=True))


def test_admin_bkd_melihat_dan_mengelola_semua_orang(org):
    admin = admin_bkd()
    assert nips(akses.pegawai_terlihat(admin)) == {p.nip for k, p in org.items() if k not in
                                                    ("dinas", "bidang", "lain")}  # fmt: skip
    assert akses.pegawai_dikelola(admin).count() == 5
    assert akses.akses_untuk(admin).peran == ["admin_bkd"]
    assert akses.boleh_lihat_nik(admin, org["orang_lain"])


def test_operator_hanya_melihat_unitnya_dan_sub_unitnya(org):
    op = operator(org["dinas"])
    terlihat = nips(akses.pegawai_terlihat(op))
    assert terlihat == {org[k].nip for k in ("kepala", "kabid", "staf1", "staf2")}
    assert org["orang_lain"].nip not in nips(akses.pegawai_dikelola(op))
    assert akses.boleh_lihat_nik(op, org["staf1"])
    assert not akses.boleh_lihat_nik(op, org["orang_lain"])


def test_operator_sub_unit_tidak_melihat_induknya(org):
    op = operator(org["bidang"])
    assert org["kepala"].nip not in nips(akses.pegawai_terlihat(op))


def test_operator_unit_lain_tidak_mendapat_apa_pun(org):
    op = operator(org["lain"])
    assert nips(akses.pegawai_terlihat(op)) == {org["orang_lain"].nip}
    assert not akses.boleh_lihat_nik(op, org["staf1"])


def test_atasan_melihat_diri_dan_bawahan_langsung(org):
    user = org["kabid"].user
    assert nips(akses.pegawai_terlihat(user)) == {org[k].nip for k in ("kabid", "staf1", "staf2")}
    assert nips(akses.pegawai_bawahan(user)) == {org["staf1"].nip, org["staf2"].nip}
    assert akses.pegawai_dikelola(user).count() == 0
    assert akses.akses_untuk(user).peran == ["atasan", "pegawai"]
    assert not akses.boleh_lihat_nik(user, org["staf1"])


def test_atasan_tidak_melihat_bawahan_dari_bawahan(org):
    assert org["staf1"].nip not in nips(akses.pegawai_terlihat(org["kepala"].user))


def test_pegawai_hanya_melihat_diri_sendiri(org):
    user = org["staf1"].user
    assert nips(akses.pegawai_terlihat(user)) == {org["staf1"].nip}
    assert akses.pegawai_bawahan(user).count() == 0
    assert akses.akses_untuk(user).peran == ["pegawai"]
    assert not akses.boleh_lihat_nik(user, org["staf1"])


def test_anonim_dan_orang_asing_tidak_mendapat_apa_pun(org):
    for user in (AnonymousUser(), UserFactory(), None):
        assert akses.pegawai_terlihat(user).count() == 0
        assert akses.pegawai_dikelola(user).count() == 0
        assert akses.akses_untuk(user).peran == []


def test_akun_nonaktif_tidak_mendapat_apa_pun(org):
    user = org["kabid"].user
    user.is_active = False
    user.save()
    assert akses.pegawai_terlihat(user).count() == 0


def test_pegawai_pensiun_kehilangan_akses_dirinya(org):
    org["staf1"].aktif = False
    org["staf1"].save()
    assert akses.pegawai_terlihat(org["staf1"].user).count() == 0
    assert org["staf1"].nip not in nips(akses.pegawai_bawahan(org["kabid"].user))


def test_semua_peran_satu_pengguna_ditentukan_dalam_satu_kueri(org, django_assert_num_queries):
    from django.contrib.auth.models import Group

    from pegawai.models import GRUP_ADMIN_BKD, OperatorOpd
    from pegawai.services import grup_peran_siapkan

    user = org["kabid"].user
    grup_peran_siapkan()
    user.groups.add(Group.objects.get(name=GRUP_ADMIN_BKD))
    OperatorOpd.objects.create(user=user, unit_kerja=org["bidang"])
    with django_assert_num_queries(1):
        hasil = akses.akses_untuk(user)
        # The related rows come with it: no further query for unit, atasan or operator unit.
        assert hasil.pegawai.unit_kerja == org["bidang"]
        assert hasil.pegawai.atasan == org["kepala"]
        assert hasil.unit_operator == org["bidang"]
    assert hasil.peran == [akses.PERAN_ADMIN_BKD, akses.PERAN_OPERATOR_OPD, akses.PERAN_ATASAN,
                           akses.PERAN_PEGAWAI]  # fmt: skip


def test_akun_tanpa_data_pegawai_dikenali_sebagai_operator_dan_admin(org):
    op = operator(org["bidang"])
    assert akses.akses_untuk(op).peran == [akses.PERAN_OPERATOR_OPD]
    assert akses.akses_untuk(admin_bkd()).peran == [akses.PERAN_ADMIN_BKD]
    assert akses.akses_untuk(UserFactory(is_superuser=True)).peran == [akses.PERAN_ADMIN_BKD]


def test_atasan_yang_semua_bawahannya_pensiun_bukan_atasan_lagi(org):
    for staf in (org["staf1"], org["staf2"]):
        staf.aktif = False
        staf.save()
    assert akses.PERAN_ATASAN not in akses.akses_untuk(org["kabid"].user).peran
    # one active subordinate left is enough
    org["staf2"].aktif = True
    org["staf2"].save()
    # (the roles are cached on the user object for one request: a new request's user)
    user = type(org["kabid"].user).objects.get(pk=org["kabid"].user_id)
    assert akses.PERAN_ATASAN in akses.akses_untuk(user).peran


def test_atasan_pensiun_bukan_pegawai_maupun_atasan(org):
    org["kabid"].aktif = False
    org["kabid"].save()
    assert akses.akses_untuk(org["kabid"].user).peran == []


def test_garis_kepala_melihat_seluruh_garis_di_bawahnya(org):
    """A unit head sees their whole line (direct and indirect), read-only; a supervisor
    their own line; staff and HR without an employee record nothing through this door."""
    assert nips(akses.pegawai_garis(org["kepala"].user)) == {
        org["kabid"].nip,
        org["staf1"].nip,
        org["staf2"].nip,
    }
    assert nips(akses.pegawai_garis(org["kabid"].user)) == {org["staf1"].nip, org["staf2"].nip}
    assert nips(akses.pegawai_garis(org["staf1"].user)) == set()
    assert nips(akses.pegawai_garis(operator(org["dinas"]))) == set()
    assert nips(akses.pegawai_garis(AnonymousUser())) == set()
    # Acting stays with the direct supervisor: the head does not act on the staff.
    assert org["staf1"].nip not in nips(akses.pegawai_bawahan(org["kepala"].user))


def test_garis_tanpa_yang_nonaktif_dan_berhenti_pada_siklus(org):
    org["staf2"].aktif = False
    org["staf2"].save()
    # A data error making a loop (kepala reports to staf1) must not loop forever.
    org["kepala"].atasan = org["staf1"]
    org["kepala"].save()
    assert nips(akses.pegawai_garis(org["kepala"].user)) == {org["kabid"].nip, org["staf1"].nip}
