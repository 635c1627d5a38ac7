from django.apps import AppConfig


class KarierConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "karier"
