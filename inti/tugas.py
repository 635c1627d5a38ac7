"""The retry options every Celery task of the project uses (DESIGN.md, Celery).

Tasks are thin and idempotent, so a re-run after a transient failure changes nothing. Only
transient failures are retried, with exponential backoff (30 s, 60 s, ... capped at 10 min,
at most 5 times); anything else fails loudly. Late acks: a worker killed mid-task leaves the
message for another worker. Time limits are global (CELERY_TASK_*_TIME_LIMIT in settings).
"""

from __future__ import annotations

from smtplib import SMTPException
from typing import Any

from django.db import InterfaceError, OperationalError

# The database went away or refused a connection for a moment.
TRANSIEN_DB: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
# The mail server or the network.
TRANSIEN_SURAT: tuple[type[BaseException], ...] = (SMTPException, ConnectionError, TimeoutError)


def opsi_tugas(transien: tuple[type[BaseException], ...] = TRANSIEN_DB) -> dict[str, Any]:
    """Keyword arguments for `@shared_task(**opsi_tugas(...))`."""
    return {
        "acks_late": True,
        "autoretry_for": transien,
        "retry_backoff": 30,
        "retry_backoff_max": 600,
        "max_retries": 5,
    }
