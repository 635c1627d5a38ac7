"""The OpenAPI schema class of every view (settings DEFAULT_SCHEMA_CLASS). Apart from
inti.api because drf-spectacular's AutoSchema imports DRF's generic views, which load the
pagination class setting (inti.api) in turn."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema

from inti.api import PaginasiKursor


class Skema(AutoSchema):
    """A cursor page has its own component name, so one serializer listed both ways (the
    reports list and the supervisor's queue) keeps both shapes."""

    def get_paginated_name(self, serializer_name: str) -> str:
        if isinstance(self._get_paginator(), PaginasiKursor):
            return f"Kursor{serializer_name}List"
        return super().get_paginated_name(serializer_name)
