"""/api/v1/ routes of the pegawai app (included by asn_hr/api_urls.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api, api_token

router = SimpleRouter()
router.register("unit-kerja", api.UnitKerjaViewSet, basename="unit-kerja")
router.register("pegawai", api.PegawaiViewSet, basename="pegawai")

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("auth/token/saya/", api_token.TokenSayaView.as_view(), name="api-token-saya"),
    path("me/", api.MeView.as_view(), name="api-me"),
    *router.urls,
]
