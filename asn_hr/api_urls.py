"""All /api/v1/ routes, one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("pegawai.api_urls")),
    path("", include("jabatan.api_urls")),
    path("kinerja/", include("kinerja.api_urls")),
    path("pelatihan/", include("pelatihan.api_urls")),
    path("karier/", include("karier.api_urls")),
    path("", include("pengaduan.api_urls")),
]
