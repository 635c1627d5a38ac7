from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark kit: installed only when BENCH=1 (asn_hr/settings.py); no models."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bench"
    verbose_name = "Benchmark"
