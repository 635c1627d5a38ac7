"""The competency dictionary's changelist: the same number of queries with 1 row as with
50 more (the migration seeds the starter dictionary)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import admin_bkd

from .factories import KompetensiFactory


def _kueri(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.django_db
def test_changelist_kompetensi_jumlah_query_tetap(client):
    # session, user, the access scope (groups, operator, pegawai), permissions, the count(s),
    # one page of rows, the filter choices: none of them per row.
    url = reverse("admin:jabatan_kompetensi_changelist")
    client.force_login(admin_bkd())
    KompetensiFactory()
    client.get(url)  # warm the per-process caches (content types, permissions)
    sedikit = _kueri(client, url)
    for _ in range(50):
        KompetensiFactory()
    assert _kueri(client, url) == sedikit
