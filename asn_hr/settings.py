"""Settings for ASN HR, read from the environment.

With nothing set the project runs locally on SQLite, with Celery tasks executed in-process
and a local-memory cache. `DATABASE_URL` points it at PostgreSQL and `REDIS_URL` gives the
Celery broker and the shared cache (production, CI).
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from import_export.formats import base_formats

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or (
    # Only for local development: production must set SECRET_KEY (check --deploy flags it).
    "django-insecure-dev-only-asn-hr-lampung"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "django_celery_beat",
    "inti",  # ground floor: plumbing only (tasks waiting for the broker); imports no app
    "asn_hr",  # cross-app management commands (seed_demo), admin of the plumbing table
    "aturan",  # rules as effective-dated rows; imports no other project app
    "pegawai",
    "jabatan",
    "kinerja",
    "pelatihan",
    "karier",
    "pengaduan",
    "siasn",  # top layer: SIASN (BKN) push/pull; nothing imports it
]
# The benchmark kit (`manage.py bench`, `seed_scale`, `ukur_kandidat`) is an app of its own,
# installed only where benchmarks run (`make bench` sets BENCH=1); the product never imports it.
BENCH = env_bool("BENCH", False)
if BENCH:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "inti.batas.BatasUkuranPermintaan",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "inti.tajuk.TanpaSimpan",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it turns a lockout into a 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "asn_hr.urls"
WSGI_APPLICATION = "asn_hr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pegawai.context_processors.peran",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# No web request may wait on Redis longer than about a second (docs/KEAMANAN.md): short
# socket timeouts on the cache and on the broker connection used to publish, one attempt,
# then a circuit breaker (inti/pemutus.py) keeps requests off Redis for PEMUTUS_DETIK.
REDIS_TIMEOUT_DETIK = float(env_str("REDIS_TIMEOUT_DETIK", "0.5"))
PEMUTUS_DETIK = env_int("PEMUTUS_DETIK", 15)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "asn_hr"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_DETIK,
                "socket_timeout": REDIS_TIMEOUT_DETIK,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# While Redis is away the rate limiter counts per process with the limit divided by this.
LAJU_PROSES_WEB = env_int("LAJU_PROSES_WEB", env_int("WEB_CONCURRENCY", 3))

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_DETIK
# Publishing: one attempt; a failure goes to the outbox (inti/antrean.py).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # An unacknowledged message (worker killed) is redelivered after this: just above the
    # longest task time limit, not Redis's default hour (or the two hours set before).
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 5 * 60,
    "socket_connect_timeout": REDIS_TIMEOUT_DETIK,
    # Web and beat publish with this; the worker lifts it for its blocking reads
    # (asn_hr/celery.py).
    "socket_timeout": REDIS_TIMEOUT_DETIK,
    "retry_on_timeout": False,
    # kombu's connect at publish time: one attempt (default: retry for seconds).
    "max_retries": 0,
    # Extra transport options as JSON (e.g. a `global_keyprefix` and queue isolation for a
    # fault test, or faster `unacked_restore_interval` sweeps).
    **json.loads(env_str("CELERY_OPSI_TRANSPORT_JSON", "{}")),
}
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_ANTREAN", "celery")
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pegawai.auth.NipAtauUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Login lock-out (pegawai/kunci_login.py): per (account, address) first, then a higher
# limit per address, so that no stranger can lock an owner out of their account.
AXES_HANDLER = "pegawai.kunci_login.PenanganKunciLogin"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_BATAS_PER_ALAMAT = env_int("AXES_BATAS_PER_ALAMAT", 30)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MENIT", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_USERNAME_CALLABLE = "pegawai.auth.axes_username"
AXES_CLIENT_IP_CALLABLE = "inti.alamat.alamat_ip"
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (nginx: 1). 0 = the
# header is not trusted and REMOTE_ADDR is the client. Used by axes and the rate limiter.
PROXY_TERPERCAYA = env_int("PROXY_TERPERCAYA", env_int("AXES_PROXY_COUNT", 0))

# API tokens expire (pegawai/token_api.py); a password change or reset revokes them.
TOKEN_API_UMUR_JAM = env_int("TOKEN_API_UMUR_JAM", 30 * 24)

# --- Security -------------------------------------------------------------------------------
SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", SECURE)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SECURE)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): everything from this site only, no inline script
# (django-celery-beat's form script carries a nonce), no plugins, no framing. Inline style
# attributes (progress bars' widths) are allowed; <style> blocks are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Health checks come over plain HTTP from the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Absolute links in emails (survey invitations, password reset in tasks).
SITE_URL = env_str("SITE_URL", "http://localhost:8000")

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ASN HR Lampung <noreply@lampungprov.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Locale ---------------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Request limits (inti/batas.py); the reverse proxy refuses above the same figure.
BATAS_UKURAN_PERMINTAAN = env_int("BATAS_UKURAN_PERMINTAAN", 12 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
IMPOR_MAKS_BYTE = env_int("IMPOR_MAKS_BYTE", 5 * 1024 * 1024)
IMPOR_MAKS_BARIS = env_int("IMPOR_MAKS_BARIS", 2000)
IMPOR_MAKS_XML_BYTE = env_int("IMPOR_MAKS_XML_BYTE", 50 * 1024 * 1024)
# Background employee import (pegawai.ImporPegawai): files above the admin's limits above go
# there; these hard caps are still checked before parsing. Its upload page has its own
# request-size limit (the proxy needs a matching location block, docs/KEAMANAN.md).
IMPOR_LATAR_MAKS_BYTE = env_int("IMPOR_LATAR_MAKS_BYTE", 50 * 1024 * 1024)
IMPOR_LATAR_MAKS_BARIS = env_int("IMPOR_LATAR_MAKS_BARIS", 200_000)
IMPOR_LATAR_MAKS_XML_BYTE = env_int("IMPOR_LATAR_MAKS_XML_BYTE", 600 * 1024 * 1024)
IMPOR_LATAR_POTONG = env_int("IMPOR_LATAR_POTONG", 2000)  # rows per chunk
BATAS_UKURAN_PER_JALUR = {"/impor-pegawai/": IMPOR_LATAR_MAKS_BYTE + 1024 * 1024}

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pegawai.token_api.TokenBerumurAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "inti.api.Paginasi",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "inti.skema.Skema",
    "EXCEPTION_HANDLER": "inti.api.exception_handler",
    "DATE_FORMAT": "%Y-%m-%d",
    "TIME_FORMAT": "%H:%M",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ASN HR Provinsi Lampung API",
    "DESCRIPTION": "API kepegawaian, e-kinerja, pelatihan, karier dan pengaduan masyarakat.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name across apps get explicit, stable enum names.
    "ENUM_NAME_OVERRIDES": {
        "StatusPengaduanEnum": "pengaduan.models.Status",
        "StatusTindakLanjutEnum": "pengaduan.serializers.STATUS_TINDAK_LANJUT",
        "JenisPengaduanEnum": "pengaduan.models.Jenis",
        "RatingEnum": ["DI_ATAS", "SESUAI", "DI_BAWAH"],
        "JenisRhkEnum": ["UTAMA", "TAMBAHAN"],
    },
}

# --- Import/export --------------------------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_FORMATS = [base_formats.XLSX, base_formats.CSV]

# --- Cross-app wiring ---------------------------------------------------------------------
# Weak points from the latest appraisal feed the training needs analysis (AKPK).
PELATIHAN_PENYEDIA_KELEMAHAN = ["kinerja.akpk.kelemahan_pegawai"]

# --- SIASN (BKN's national record) --------------------------------------------------------
# All empty = the integration is off ("belum dikonfigurasi") and nothing is queued.
# docs/SIASN.md lists what a BKD gets from BKN and which address each one is.
SIASN_API_URL = env_str("SIASN_API_URL")  # e.g. https://apimws.bkn.go.id:8243/apisiasn/1.0
SIASN_TOKEN_URL = env_str("SIASN_TOKEN_URL")  # gateway OAuth2 token (client credentials)
SIASN_SSO_URL = env_str("SIASN_SSO_URL")  # BKN SSO token endpoint (password grant)
SIASN_CONSUMER_KEY = env_str("SIASN_CONSUMER_KEY")
SIASN_CONSUMER_SECRET = env_str("SIASN_CONSUMER_SECRET")
SIASN_SSO_CLIENT_ID = env_str("SIASN_SSO_CLIENT_ID")
SIASN_SSO_USERNAME = env_str("SIASN_SSO_USERNAME")
SIASN_SSO_PASSWORD = env_str("SIASN_SSO_PASSWORD")
# Seconds per HTTP call to BKN; a slow gateway must never hold a worker for long.
SIASN_TIMEOUT = float(env_str("SIASN_TIMEOUT", "10") or 10)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
