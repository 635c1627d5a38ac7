from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KarierConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "karier"
    verbose_name = "Karier dan manajemen talenta"

    def ready(self) -> None:
        post_migrate.connect(_izin_grup_hr, sender=self, dispatch_uid="karier_izin_grup_hr")


# Model permissions of the HR groups for karier (rows are still limited by the scope).
IZIN_KARIER: dict[str, list[str]] = {
    "Admin BKD": ["karier.*"],  # every karier permission
    "Operator OPD": [
        "karier.view_rencanapengembangan",
        "karier.change_rencanapengembangan",
        "karier.view_kegiatanpengembangan",
        "karier.add_kegiatanpengembangan",
        "karier.change_kegiatanpengembangan",
        "karier.view_sesipembinaan",
        "karier.add_sesipembinaan",
        "karier.change_sesipembinaan",
        "karier.view_penunjukanmentor",
        "karier.add_penunjukanmentor",
        "karier.change_penunjukanmentor",
        "karier.view_penilaianpotensi",
        "karier.add_penilaianpotensi",
        "karier.change_penilaianpotensi",
        "karier.view_profiltalenta",
        "karier.view_jabatankunci",
        "karier.view_usulankenaikanpangkat",
        "karier.add_usulankenaikanpangkat",
        "karier.change_usulankenaikanpangkat",
    ],
}


def _izin_grup_hr(**_: object) -> None:
    """Give the HR groups (created by pegawai) their karier permissions; idempotent."""
    from inti.izin import izin_grup_pasang

    izin_grup_pasang(IZIN_KARIER)
