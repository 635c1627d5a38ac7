"""/api/v1/pelatihan/ routes (included by asn_hr/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("", api.PelatihanList.as_view(), name="api-pelatihan"),
    path("<int:pk>/", api.PelatihanDetail.as_view(), name="api-pelatihan-detail"),
    path("sesi/", api.SesiList.as_view(), name="api-pelatihan-sesi"),
    path("jp/", api.RekapJPList.as_view(), name="api-pelatihan-jp"),
    path("survei/", api.SurveiList.as_view(), name="api-pelatihan-survei"),
    path("survei/<int:pk>/", api.SurveiDetail.as_view(), name="api-pelatihan-survei-detail"),
    path("survei/<int:pk>/jawab/", api.SurveiJawab.as_view(), name="api-pelatihan-survei-jawab"),
]
