"""/api/v1/karier/ routes (included by asn_hr/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("talenta/", api.TalentaList.as_view(), name="api-karier-talenta"),
    path(
        "kenaikan-pangkat/", api.KenaikanPangkatList.as_view(), name="api-karier-kenaikan-pangkat"
    ),
]
