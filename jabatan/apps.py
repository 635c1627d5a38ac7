from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JabatanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jabatan"
    verbose_name = "Jabatan dan penempatan"

    def ready(self) -> None:
        from pegawai.signals import pegawai_diimpor

        from .izin import izin_grup_siapkan
        from .services import pegawai_diimpor_diterima

        pegawai_diimpor.connect(pegawai_diimpor_diterima, dispatch_uid="jabatan_impor_pegawai")
        post_migrate.connect(izin_grup_siapkan, dispatch_uid="jabatan_izin_grup")
