"""/api/v1/ routes of the jabatan app (included by asn_hr/api_urls.py)."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("jabatan", api.JabatanViewSet, basename="jabatan")
router.register("formasi", api.FormasiViewSet, basename="formasi")
router.register("penempatan", api.PenempatanViewSet, basename="penempatan")

urlpatterns = [*router.urls]
