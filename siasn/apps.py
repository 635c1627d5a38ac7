from django.apps import AppConfig


class SiasnConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "siasn"
    verbose_name = "Sinkronisasi SIASN (BKN)"

    def ready(self) -> None:
        # Lower apps announce their events by signals; this app listens (it is the top layer
        # and nothing imports it).
        from . import receivers

        receivers.sambungkan()
