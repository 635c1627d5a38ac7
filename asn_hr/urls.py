from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

admin.site.site_header = "ASN HR Provinsi Lampung"
admin.site.site_title = "ASN HR Lampung"
admin.site.index_title = "Administrasi kepegawaian"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("jadwal/", views.jadwal_daftar, name="jadwal-daftar"),
    path("jadwal/<int:pk>/", views.jadwal_ubah, name="jadwal-ubah"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (no inline script: CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("api/v1/", include("asn_hr.api_urls")),
    path("jabatan/", include("jabatan.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("pelatihan/", include("pelatihan.urls")),
    path("karier/", include("karier.urls")),
    path("pengaduan/", include("pengaduan.urls")),
    path("siasn/", include("siasn.urls")),
    path("", include("pegawai.urls")),
]
# Uploaded files (evidence, complaint attachments, certificates) are personal data: they
# are served only by views that check the access scope, never from MEDIA_URL.
