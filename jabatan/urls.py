from django.urls import path

from . import views

app_name = "jabatan"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("peta/<str:kode>/", views.peta, name="peta"),
    path("lowongan/", views.lowongan, name="lowongan"),
    path("<int:pk>/kandidat/", views.kandidat, name="kandidat"),
    path("penempatan/baru/", views.penempatan_baru, name="penempatan-baru"),
]
