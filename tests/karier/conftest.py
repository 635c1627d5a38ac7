from __future__ import annotations

import pytest

from .factories import Org, buat_org


@pytest.fixture
def org(db) -> Org:
    return buat_org()
