from django.urls import path

from . import views

app_name = "kinerja"
urlpatterns = [
    path("", views.hari_saya, name="hari-saya"),
    path("laporan/<int:pk>/perbaiki/", views.laporan_perbaiki, name="laporan-perbaiki"),
    path("laporan/<int:pk>/kembalikan/", views.laporan_kembalikan, name="laporan-kembalikan"),
    path("skp/", views.skp_saya, name="skp"),
    path("antrian/", views.antrian, name="antrian"),
    path("bawahan/", views.bawahan, name="bawahan"),
    path("penilaian/", views.penilaian_daftar, name="penilaian"),
    path("penilaian/baru/<str:nip>/", views.penilaian_baru, name="penilaian-baru"),
    path("penilaian/<int:pk>/", views.penilaian_detail, name="penilaian-detail"),
    path("distribusi/", views.distribusi, name="distribusi"),
]
