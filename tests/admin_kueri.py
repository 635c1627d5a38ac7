"""The flat query-count check of an admin changelist (1 row vs 50), shared by the apps' tests."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _kueri(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx), resp.content.decode()


def changelist_jumlah_query_tetap(client, user, url: str, buat: Callable[[int], None]) -> None:
    """session, user, the access scope (groups, operator, pegawai), permissions, the count(s),
    one page of rows with their foreign keys joined (list_select_related), the filter choices:
    none of them per row. `buat(i)` creates the i-th row."""
    client.force_login(user)
    buat(0)
    client.get(url)  # warm the per-process caches (content types, permissions)
    satu, _ = _kueri(client, url)
    for i in range(1, 50):
        buat(i)
    lima_puluh, html = _kueri(client, url)
    assert lima_puluh == satu
    assert html.count("<tr") >= 50  # the rows are really listed
