"""The kinerja scope: Admin BKD reads every row without a scope subquery; everyone else
stays inside their scope."""

from __future__ import annotations

import pytest

from inti.waktu import hari_ini
from kinerja import selectors
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db


def test_admin_bkd_semua_baris_tanpa_subkueri(org):
    lapor(org.staf1, org.rhk1, hari_ini())
    lapor(org.guru, org.rhk_guru, hari_ini())
    for fungsi in (selectors.laporan_terlihat, selectors.skp_terlihat):
        qs = fungsi(org.admin)
        assert "IN (SELECT" not in str(qs.query)
    assert {lap.pegawai for lap in selectors.laporan_terlihat(org.admin)} == {org.staf1, org.guru}
    assert selectors.skp_terlihat(org.admin).count() == 5  # every employee's approved SKP


def test_selain_admin_tetap_terlingkup(org):
    lapor(org.staf1, org.rhk1, hari_ini())
    lapor(org.guru, org.rhk_guru, hari_ini())
    assert {lap.pegawai for lap in selectors.laporan_terlihat(org.kabid.user)} == {org.staf1}
    assert {lap.pegawai for lap in selectors.laporan_terlihat(org.guru.user)} == {org.guru}
    assert not selectors.skp_terlihat(org.staf2.user).filter(pegawai=org.staf1).exists()
