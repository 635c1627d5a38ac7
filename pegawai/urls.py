from django.urls import path

from . import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("masuk/", views.MasukView.as_view(), name="login"),
    path("keluar/", views.KeluarView.as_view(), name="logout"),
    path("profil/", views.profil, name="profil"),
    path("profil/token/cabut/", views.token_cabut, name="token-cabut"),
    path("unit-kerja/cari/", views.unit_kerja_cari, name="unit-kerja-cari"),
    path("pegawai/", views.pegawai_daftar, name="pegawai-daftar"),
    path("pegawai/<str:nip>/", views.pegawai_detail, name="pegawai-detail"),
    # Background import of big employee files (its own request-size limit: settings
    # BATAS_UKURAN_PER_JALUR uses this prefix).
    path("impor-pegawai/", views.impor_latar_unggah, name="impor-latar"),
    path("impor-pegawai/<int:pk>/", views.impor_latar_detail, name="impor-latar-detail"),
    path("impor-pegawai/<int:pk>/status/", views.impor_latar_status, name="impor-latar-status"),
    path("impor-pegawai/<int:pk>/alasan/", views.impor_latar_alasan, name="impor-latar-alasan"),
    # Account: Django's auth views with Indonesian templates. Imported employees have no
    # usable password yet and activate their account through "Lupa kata sandi".
    path("akun/kata-sandi/", views.GantiKataSandiView.as_view(), name="password_change"),
    path(
        "akun/kata-sandi/selesai/",
        views.GantiKataSandiSelesaiView.as_view(),
        name="password_change_done",
    ),
    path("akun/lupa-kata-sandi/", views.LupaKataSandiView.as_view(), name="password_reset"),
    path(
        "akun/lupa-kata-sandi/terkirim/",
        views.LupaKataSandiTerkirimView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/atur-kata-sandi/<uidb64>/<token>/",
        views.AturKataSandiView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-kata-sandi/selesai/",
        views.AturKataSandiSelesaiView.as_view(),
        name="password_reset_complete",
    ),
]
