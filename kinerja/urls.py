from django.urls import path

from . import views

app_name = "kinerja"
urlpatterns = [
    path("", views.hari_saya, name="hari-saya"),
    path("laporan/", views.laporan_saya, name="laporan-saya"),
    path("laporan/<int:pk>/perbaiki/", views.laporan_perbaiki, name="laporan-perbaiki"),
    path("laporan/<int:pk>/kembalikan/", views.laporan_kembalikan, name="laporan-kembalikan"),
    path("laporan/<int:pk>/bukti/", views.laporan_bukti, name="laporan-bukti"),
    path("skp/", views.skp_saya, name="skp"),
    path("skp/buat/", views.skp_buat, name="skp-buat"),
    path("skp/<int:pk>/", views.skp_detail, name="skp-detail"),
    path("skp/<int:pk>/rhk/", views.skp_rhk_tambah, name="skp-rhk-tambah"),
    path("skp/salin/", views.skp_salin, name="skp-salin"),
    path("skp/rhk/<int:pk>/", views.skp_rhk_ubah, name="skp-rhk-ubah"),
    path("skp/rhk/<int:pk>/hapus/", views.skp_rhk_hapus, name="skp-rhk-hapus"),
    path("skp/rhk/<int:pk>/indikator/", views.skp_indikator_tambah, name="skp-indikator-tambah"),
    path("skp/indikator/<int:pk>/", views.skp_indikator_ubah, name="skp-indikator-ubah"),
    path("skp/indikator/<int:pk>/hapus/", views.skp_indikator_hapus, name="skp-indikator-hapus"),
    path("skp/<int:pk>/ajukan/", views.skp_ajukan, name="skp-ajukan"),
    path("skp/<int:pk>/setujui/", views.skp_setujui, name="skp-setujui"),
    path("skp/<int:pk>/kembalikan/", views.skp_kembalikan, name="skp-kembalikan"),
    path("skp/<int:pk>/pdf/", views.skp_pdf, name="skp-pdf"),
    path("antrian/", views.antrian, name="antrian"),
    path("bawahan/", views.bawahan, name="bawahan"),
    path("garis/", views.garis, name="garis"),
    path("penilaian/", views.penilaian_daftar, name="penilaian"),
    path("penilaian/baru/<str:nip>/", views.penilaian_baru, name="penilaian-baru"),
    path("penilaian/<int:pk>/", views.penilaian_detail, name="penilaian-detail"),
    path("penilaian/<int:pk>/ubah/", views.penilaian_ubah, name="penilaian-ubah"),
    path("penilaian/<int:pk>/pdf/", views.penilaian_pdf, name="penilaian-pdf"),
    path("dasbor/", views.dasbor, name="dasbor"),
    path("distribusi/", views.distribusi, name="distribusi"),
]
