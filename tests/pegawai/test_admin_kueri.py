"""The other pegawai changelists (unit kerja, operator OPD): the same number of queries with
1 row as with 50."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UnitKerjaFactory, admin_bkd, operator


def _unit(i: int) -> None:
    induk = UnitKerjaFactory(kode=f"UJI{i:02d}", nama=f"Dinas Uji {i}")
    UnitKerjaFactory(kode=f"UJI{i:02d}-SUB", nama=f"Bidang Uji {i}", parent=induk)

def _operator(i: int) -> None:
    operator(UnitKerjaFactory(kode=f"OPD{i:02d}", nama=f"Dinas Op {i}"))

BUAT = {"unitkerja": _unit, "operatoropd": _operator}

def _kueri(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx), resp.content.decode()

@pytest.mark.django_db
@pytest.mark.parametrize("model", list(BUAT))
def test_changelist_jumlah_query_tetap_1_dan_50(client, model):
    # session, user, the access scope (groups, operator, pegawai), permissions, the count(s),
    # one page of rows with their foreign keys joined (parent unit, user), the filter
    # choices: none of them per row.
    url = reverse(f"admin:pegawai_{model}_changelist")
    client.force_login(admin_bkd())
    BUAT[model](0)
    client.get(url)  # warm the per-process caches (content types, permissions)
    satu, _ = _kueri(client, url)
    for i in range(1, 50):
        BUAT[model](i)
    lima_puluh, html = _kueri(client, url)
    assert lima_puluh == satu
    assert html.count("<tr") >= 50  # the rows are really listed
