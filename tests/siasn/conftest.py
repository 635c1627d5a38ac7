from __future__ import annotations

import pytest

from tests.siasn.simulator import (
    API,
    CONSUMER_KEY,
    CONSUMER_SECRET,
    SSO,
    SSO_CLIENT_ID,
    SSO_PASSWORD,
    SSO_USERNAME,
    TOKEN,
    Simulator,
)


def pasang_siasn(settings, url: str, *, timeout: float = 2.0) -> None:
    settings.SIASN_API_URL = f"{url}{API}"
    settings.SIASN_TOKEN_URL = f"{url}{TOKEN}"
    settings.SIASN_SSO_URL = f"{url}{SSO}"
    settings.SIASN_CONSUMER_KEY = CONSUMER_KEY
    settings.SIASN_CONSUMER_SECRET = CONSUMER_SECRET
    settings.SIASN_SSO_CLIENT_ID = SSO_CLIENT_ID
    settings.SIASN_SSO_USERNAME = SSO_USERNAME
    settings.SIASN_SSO_PASSWORD = SSO_PASSWORD
    settings.SIASN_TIMEOUT = timeout


@pytest.fixture
def simulator():
    sim = Simulator().mulai()
    yield sim
    sim.berhenti()


@pytest.fixture
def siasn(simulator, settings):
    """The simulator, with the settings pointing at it (the integration switched on)."""
    pasang_siasn(settings, simulator.url)
    return simulator
