from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PengaduanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pengaduan"
    verbose_name = "Pengaduan dan survei kepuasan"

    def ready(self) -> None:
        from .jadwal import jadwal_siapkan

        post_migrate.connect(jadwal_siapkan, sender=self, dispatch_uid="pengaduan_jadwal")
