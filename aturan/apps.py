from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AturanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "aturan"
    verbose_name = "Aturan berlaku (regulasi)"

    def ready(self) -> None:
        post_migrate.connect(_izin_grup_hr, sender=self, dispatch_uid="aturan_izin_grup_hr")


def _izin_grup_hr(**_: object) -> None:
    """Admin BKD edits the rule rows; Operator OPD may read them. Idempotent."""
    from django.contrib.auth.models import Group, Permission

    izin = Permission.objects.filter(content_type__app_label="aturan")
    admin, _created = Group.objects.get_or_create(name="Admin BKD")
    admin.permissions.add(*izin)
    operator, _created = Group.objects.get_or_create(name="Operator OPD")
    operator.permissions.add(*izin.filter(codename__startswith="view_"))
