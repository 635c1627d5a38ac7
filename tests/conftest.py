from __future__ import annotations

import os

import pytest
from django.core.cache import cache

from pegawai.services import DEFAULT_UNIT_CSV, baca_csv_unit, unit_kerja_load


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """One PostgreSQL test database per test process, so parallel runs never collide."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        db.setdefault("TEST", {})["NAME"] = f"test_{db['NAME']}_{os.getpid()}"


@pytest.fixture(autouse=True)
def _http_tanpa_tls(settings):
    """Tests talk plain HTTP; production settings redirect to HTTPS and mark cookies secure."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _cache_bersih():
    """Rate limits and lockouts live in the cache: every test starts from an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit_lampung(db):
    """The real unit kerja tree of the sample data."""
    unit_kerja_load(rows=baca_csv_unit(DEFAULT_UNIT_CSV))
