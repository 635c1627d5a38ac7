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


def test_admin_bkd_sees_and_manages_everyone(org):
    admin = admin_bkd()
    assert nips(akses.pegawai_terlihat(admin)) == {p.nip for k, p in org.items() if k not in
                                                    ("dinas", "bidang", "lain")}  # fmt: skip
    assert akses.pegawai_dikelola(admin).count() == 5
    assert akses.akses_untuk(admin).peran == ["admin_bkd"]
    assert akses.boleh_lihat_nik(admin, org["orang_lain"])


def test_operator_sees_their_unit_and_sub_units_only(org):
    op = operator(org["dinas"])
    terlihat = nips(akses.pegawai_terlihat(op))
    assert terlihat == {org[k].nip for k in ("kepala", "kabid", "staf1", "staf2")}
    assert org["orang_lain"].nip not in nips(akses.pegawai_dikelola(op))
    assert akses.boleh_lihat_nik(op, org["staf1"])
    assert not akses.boleh_lihat_nik(op, org["orang_lain"])


def test_operator_of_a_sub_unit_does_not_see_the_parent(org):
    op = operator(org["bidang"])
    assert org["kepala"].nip not in nips(akses.pegawai_terlihat(op))


def test_another_units_operator_gets_nothing(org):
    op = operator(org["lain"])
    assert nips(akses.pegawai_terlihat(op)) == {org["orang_lain"].nip}
    assert not akses.boleh_lihat_nik(op, org["staf1"])


def test_atasan_sees_self_and_direct_subordinates(org):
    user = org["kabid"].user
    assert nips(akses.pegawai_terlihat(user)) == {org[k].nip for k in ("kabid", "staf1", "staf2")}
    assert nips(akses.pegawai_bawahan(user)) == {org["staf1"].nip, org["staf2"].nip}
    assert akses.pegawai_dikelola(user).count() == 0
    assert akses.akses_untuk(user).peran == ["atasan", "pegawai"]
    assert not akses.boleh_lihat_nik(user, org["staf1"])


def test_supervisor_does_not_see_subordinates_of_subordinates(org):
    assert org["staf1"].nip not in nips(akses.pegawai_terlihat(org["kepala"].user))


def test_employee_sees_only_self(org):
    user = org["staf1"].user
    assert nips(akses.pegawai_terlihat(user)) == {org["staf1"].nip}
    assert akses.pegawai_bawahan(user).count() == 0
    assert akses.akses_untuk(user).peran == ["pegawai"]
    assert not akses.boleh_lihat_nik(user, org["staf1"])


def test_anonymous_and_strangers_get_nothing(org):
    for user in (AnonymousUser(), UserFactory(), None):
        assert akses.pegawai_terlihat(user).count() == 0
        assert akses.pegawai_dikelola(user).count() == 0
        assert akses.akses_untuk(user).peran == []


def test_inactive_account_gets_nothing(org):
    user = org["kabid"].user
    user.is_active = False
    user.save()
    assert akses.pegawai_terlihat(user).count() == 0


def test_retired_employee_loses_self_access(org):
    org["staf1"].aktif = False
    org["staf1"].save()
    assert akses.pegawai_terlihat(org["staf1"].user).count() == 0
    assert org["staf1"].nip not in nips(akses.pegawai_bawahan(org["kabid"].user))


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
