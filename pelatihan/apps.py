from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PelatihanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pelatihan"
    verbose_name = "Pelatihan dan pengembangan kompetensi"

    def ready(self) -> None:
        from jabatan.pencocokan import daftarkan_sumber

        from .izin import izin_grup_siapkan
        from .pencocokan import skor_pelatihan

        post_migrate.connect(izin_grup_siapkan, dispatch_uid="pelatihan_izin_grup")
        daftarkan_sumber("pelatihan", skor_pelatihan)
