from django.urls import path

from . import views

app_name = "pelatihan"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("sesi/", views.sesi_daftar, name="sesi"),
    path("sesi/<int:pk>/usulkan/", views.sesi_usulkan, name="sesi-usulkan"),
    path("sesi/<int:pk>/hasil-survei/", views.hasil_sesi, name="hasil-sesi"),
    path("program/<int:pk>/hasil-survei/", views.hasil_pelatihan, name="hasil-pelatihan"),
    path("survei/<int:pk>/", views.survei_isi, name="survei"),
    path("survei/t/<str:token>/", views.survei_tautan, name="survei-tautan"),
    path("jp/", views.kepatuhan_jp, name="kepatuhan-jp"),
    path("sertifikat/<int:pk>/berkas/", views.sertifikat_berkas, name="sertifikat-berkas"),
    path("akpk/", views.akpk_saya, name="akpk-saya"),
    path("akpk/unit/", views.akpk_unit, name="akpk-unit"),
    path("akpk/<str:nip>/", views.akpk_pegawai, name="akpk-pegawai"),
]
