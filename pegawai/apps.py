from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PegawaiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pegawai"
    verbose_name = "Kepegawaian"

    def ready(self) -> None:
        from .services import grup_peran_siapkan

        post_migrate.connect(grup_peran_siapkan, dispatch_uid="pegawai_grup_peran")

        from .kunci_login import sambungkan

        sambungkan()
