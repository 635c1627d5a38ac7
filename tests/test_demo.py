"""seed_demo: the accounts API.md promises, idempotent, refused in production."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from pegawai.akses import akses_untuk
from pegawai.models import Pegawai

pytestmark = pytest.mark.django_db
PASSWORD = "demo-Lampung-2026"


def test_akun_demo_masuk_dengan_perannya(settings, rf):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    peran = {
        "admin": ["admin_bkd"],
        "operator.diskes": ["operator_opd"],
        "198001012005011001": ["atasan", "pegawai"],
        "199002022015022001": ["pegawai"],
        "199103032016031002": ["pegawai"],
        "197507072000031004": ["atasan", "pegawai"],
        "198505052010011003": ["pegawai"],
    }
    for username, harapan in peran.items():
        user = authenticate(rf.post("/masuk/"), username=username, password=PASSWORD)
        assert user is not None, username
        assert akses_untuk(user).peran == harapan, username
    staf = Pegawai.objects.get(nip="199002022015022001")
    assert staf.atasan.nip == "198001012005011001"
    assert Pegawai.objects.count() == 228 + 5


def test_menolak_tanpa_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG mati"):
        call_command("seed_demo")
