"""Pages under /pengaduan/: public (no login) first, then the staff triage pages."""

from django.urls import path

from . import views

app_name = "pengaduan"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("ajukan/", views.ajukan, name="ajukan"),
    path("lacak/", views.lacak_cari, name="lacak-cari"),
    path("lacak/<str:kode>/", views.lacak, name="lacak"),
    path("lacak/<str:kode>/nilai/", views.lacak_nilai, name="lacak-nilai"),
    path("lacak/<str:kode>/buka-ulang/", views.lacak_buka_ulang, name="lacak-buka-ulang"),
    path("survei/", views.survei, name="survei"),
    path("unit-kerja/cari/", views.unit_cari, name="unit-cari"),
    path("survei/terima-kasih/", views.survei_terima_kasih, name="survei-terima-kasih"),
    path("ikm/", views.ikm, name="ikm"),
    path("ikm/<int:pk>/", views.ikm_unit, name="ikm-unit"),
    path("staf/", views.staf_daftar, name="staf-daftar"),
    path("staf/<str:kode>/", views.staf_detail, name="staf-detail"),
    path("staf/<str:kode>/lampiran/", views.staf_lampiran, name="staf-lampiran"),
]
