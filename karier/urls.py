from django.urls import path

from . import views

app_name = "karier"
urlpatterns = [
    path("", views.saya, name="saya"),
    path("pegawai/<str:nip>/", views.pegawai_karier, name="pegawai"),
    path("rencana/<str:nip>/", views.rencana, name="rencana"),
    path("rencana/<int:pk>/kegiatan/", views.kegiatan_tambah, name="kegiatan-tambah"),
    path("rencana/<int:pk>/setujui/", views.rencana_setujui, name="rencana-setujui"),
    path("kegiatan/<int:pk>/selesai/", views.kegiatan_selesai, name="kegiatan-selesai"),
    path("sesi/baru/", views.sesi_baru, name="sesi-baru"),
    path("sesi/<int:pk>/", views.sesi_ubah, name="sesi-ubah"),
    path("sesi/<int:pk>/hapus/", views.sesi_hapus, name="sesi-hapus"),
    path("talenta/", views.talenta, name="talenta"),
    path("suksesi/", views.suksesi, name="suksesi"),
    path("suksesi/<int:pk>/", views.suksesi_jabatan, name="suksesi-jabatan"),
    path("kenaikan-pangkat/", views.kenaikan_pangkat, name="kenaikan-pangkat"),
    path(
        "kenaikan-pangkat/<str:nip>/tandai/",
        views.kenaikan_pangkat_tandai,
        name="kenaikan-pangkat-tandai",
    ),
]
