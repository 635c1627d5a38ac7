from django.urls import path

from . import views

app_name = "siasn"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kiriman/<int:pk>/kirim-ulang/", views.kirim_ulang, name="kirim-ulang"),
    path("selisih/<int:pk>/terima/", views.selisih_terima, name="selisih-terima"),
    path("selisih/<int:pk>/perbaiki-bkn/", views.selisih_perbaiki_bkn, name="selisih-bkn"),
]
