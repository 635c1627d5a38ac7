from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from pegawai.services import DEFAULT_UNIT_CSV, unit_csv_baca, unit_kerja_muat

# Property tests: no per-example deadline (the machine is shared; speed is not what they
# test) and no example database written into the work tree.
hypothesis_settings.register_profile("asn_hr", deadline=None, database=None)
hypothesis_settings.load_profile("asn_hr")


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


# Every test process keeps its cache keys under its own prefix (subprocesses inherit it
# through the environment), so parallel runs sharing one Redis never clear each other's
# counters.
PREFIX_CACHE = f"uji{os.getpid()}"
os.environ["CACHE_KEY_PREFIX"] = PREFIX_CACHE


def _kosongkan_cache() -> None:
    """Forget this process's keys only: `cache.clear()` on Redis would FLUSHDB everything."""
    if hasattr(cache, "_cache") and hasattr(cache._cache, "get_client"):
        client = cache._cache.get_client(write=True)
        kunci = list(client.scan_iter(match=f"{PREFIX_CACHE}:*", count=1000))
        if kunci:
            client.delete(*kunci)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _cache_bersih(settings):
    """Rate limits and lockouts live in the cache: every test starts from an empty one."""
    settings.CACHES = {
        name: {**conf, "KEY_PREFIX": PREFIX_CACHE} for name, conf in settings.CACHES.items()
    }
    _kosongkan_cache()
    yield
    _kosongkan_cache()


@pytest.fixture
def unit_lampung(db):
    """The real unit kerja tree of the sample data."""
    unit_kerja_muat(rows=unit_csv_baca(DEFAULT_UNIT_CSV))
