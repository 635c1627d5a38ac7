from django.apps import AppConfig


class JabatanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jabatan"
