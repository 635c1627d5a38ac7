from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KarierConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "karier"
    verbose_name = "Karier dan manajemen talenta"

    def ready(self) -> None:
        post_migrate.connect(_izin_grup_hr, sender=self, dispatch_uid="karier_izin_grup_hr")


# Model permissions of the HR groups for karier (rows are still limited by the scope).
IZIN_KARIER: dict[str, list[str] | None] = {
    "Admin BKD": None,  # every karier permission
    "Operator OPD": [
        "view_rencanapengembangan",
        "change_rencanapengembangan",
        "view_kegiatanpengembangan",
        "add_kegiatanpengembangan",
        "change_kegiatanpengembangan",
        "view_sesipembinaan",
        "add_sesipembinaan",
        "change_sesipembinaan",
        "view_penunjukanmentor",
        "add_penunjukanmentor",
        "change_penunjukanmentor",
        "view_penilaianpotensi",
        "add_penilaianpotensi",
        "change_penilaianpotensi",
        "view_profiltalenta",
        "view_jabatankunci",
        "view_usulankenaikanpangkat",
        "add_usulankenaikanpangkat",
        "change_usulankenaikanpangkat",
    ],
}


def _izin_grup_hr(**_: object) -> None:
    """Give the HR groups (created by pegawai) their karier permissions; idempotent."""
    from django.contrib.auth.models import Group, Permission

    semua = Permission.objects.filter(content_type__app_label="karier")
    if not semua.exists():
        return
    for nama, kode in IZIN_KARIER.items():
        grup, _created = Group.objects.get_or_create(name=nama)
        grup.permissions.add(*(semua if kode is None else semua.filter(codename__in=kode)))
