"""
WSGI config for asn_hr project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_hr.settings")

from inti.batas import BatasBadanChunked  # noqa: E402 - after the settings module is chosen

# Bodies without Content-Length (chunked) are bounded by the request limit (inti/batas.py).
application = BatasBadanChunked(get_wsgi_application())
