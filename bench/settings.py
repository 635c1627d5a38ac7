"""The project's settings for the benchmark server: same middleware, database and apps, plus
`/bench/ping`. Plain HTTP on loopback, so no redirect to HTTPS."""

import warnings

from asn_hr.settings import *  # noqa: F403

# whitenoise warns once per process when collectstatic has not run; static files are not
# part of any figure.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
