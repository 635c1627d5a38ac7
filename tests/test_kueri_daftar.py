"""Every list (each API list and each admin changelist, found from the URL configuration and
the admin registry like figure 4, so a new list is covered without being named) runs the same
number of queries with one row on the page as with a full page: nothing is queried per row.

One test function seeds the demo data once (the expensive part) and checks every list."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from bench import daftar

pytestmark = pytest.mark.django_db

# The lists that must really be exercised (enough demo rows): the big ones of issue 17.
WAJIB_TERUJI = {
    "/api/v1/kinerja/laporan-harian/",
    "/api/v1/kinerja/penilaian/",
    "/api/v1/kinerja/skp/",
    "/api/v1/pegawai/",
    "/api/v1/pelatihan/jp/",
    "/admin/kinerja/laporanharian/",
    "/admin/pegawai/pegawai/",
}


def test_setiap_daftar_jumlah_kueri_tidak_tumbuh_per_baris(settings):
    settings.DEBUG = True  # seed_demo refuses without DEBUG
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    admin = User.objects.get(username="admin")  # Admin BKD (superuser): every list opens
    klien = Client()
    klien.force_login(admin)
    hasil = [h for url in daftar.url_daftar_api()
             if (h := daftar.kueri_daftar_api(klien, url)) is not None]  # fmt: skip
    for url, model in sorted(daftar.model_changelist().items()):
        hasil.append(daftar.kueri_changelist(klien, url, model))
    teruji = {h.url for h in hasil if h.teruji}
    assert WAJIB_TERUJI <= teruji, WAJIB_TERUJI - teruji
    tumbuh = [h for h in hasil if h.tumbuh]
    assert not tumbuh, tumbuh
