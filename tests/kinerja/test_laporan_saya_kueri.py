"""My reports and the home page's to-do counts keep a flat query count from 1 to 50 rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db


def _jumlah(klien: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert klien.get(url).status_code == 200
    return len(ctx)


def _isi(org, n: int) -> None:
    hari = timezone.localdate()
    for i in range(n):
        lapor(org.staf1, org.rhk1, hari - timedelta(days=i // 10), f"{7 + i % 10:02d}:00",
              f"{7 + i % 10:02d}:30", status="DIKEMBALIKAN" if i % 3 else "DISETUJUI")  # fmt: skip


@pytest.mark.parametrize("url", ["/kinerja/laporan/", "/", "/kinerja/"])
def test_jumlah_kueri_tetap_1_vs_50(org, url):
    # Queries: session, user, the access scope (groups, operator, employee, has-subordinates),
    # then for /kinerja/laporan/ one page of reports with their RHK; for / the to-do COUNTs;
    # for /kinerja/ the returned reports (one query) beside this week's.
    klien = Client()
    klien.force_login(org.staf1.user)
    _isi(org, 1)
    satu = _jumlah(klien, url)
    _isi_lagi = 49
    hari = timezone.localdate() - timedelta(days=20)
    for i in range(_isi_lagi):
        lapor(org.staf1, org.rhk1, hari - timedelta(days=i), "13:00", "14:00",
              status="DIKEMBALIKAN")  # fmt: skip
    assert _jumlah(klien, url) == satu
