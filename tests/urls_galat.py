"""The project's URLs plus one page that crashes, to see the 500 page a user would get."""

from django.urls import path

from asn_hr.urls import urlpatterns as proyek


def rusak(request):
    raise RuntimeError("uji: halaman ini sengaja rusak")


urlpatterns = [path("uji-rusak/", rusak), *proyek]
