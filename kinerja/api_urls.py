from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("skp", api.SkpViewSet, basename="kinerja-skp")
router.register("laporan-harian", api.LaporanHarianViewSet, basename="kinerja-laporan")
router.register("penilaian", api.PenilaianViewSet, basename="kinerja-penilaian")

urlpatterns = [
    path("rekap/", api.RekapView.as_view(), name="kinerja-rekap"),
    path("distribusi/", api.DistribusiView.as_view(), name="kinerja-distribusi"),
    path("", include(router.urls)),
]
