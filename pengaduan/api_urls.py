"""/api/v1/ routes of the pengaduan app (included by asn_hr/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("pengaduan/", api.PengaduanView.as_view(), name="api-pengaduan"),
    path(
        "pengaduan/lacak/<str:kode>/", api.PengaduanLacakView.as_view(), name="api-pengaduan-lacak"
    ),
    path(
        "pengaduan/lacak/<str:kode>/nilai/",
        api.PengaduanNilaiView.as_view(),
        name="api-pengaduan-nilai",
    ),
    path(
        "pengaduan/lacak/<str:kode>/buka-ulang/",
        api.PengaduanBukaUlangView.as_view(),
        name="api-pengaduan-buka-ulang",
    ),
    path(
        "pengaduan/<str:kode>/tanggapan/",
        api.TanggapanView.as_view(),
        name="api-pengaduan-tanggapan",
    ),
    path("pengaduan/<str:kode>/", api.PengaduanDetailView.as_view(), name="api-pengaduan-detail"),
    path("survei-kepuasan/", api.SurveiView.as_view(), name="api-survei-kepuasan"),
    path("survei-kepuasan/ikm/", api.IkmView.as_view(), name="api-survei-ikm"),
]
