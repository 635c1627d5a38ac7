from django.apps import AppConfig


class IntiConfig(AppConfig):
    """The ground floor as an installed app only for its plumbing table (tasks waiting for the
    broker) and its Celery task; it holds no domain data and imports no app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "inti"
    verbose_name = "Infrastruktur"
