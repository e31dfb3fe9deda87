from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Periodic reports, evaluation indicators and the service index, computed from dossiers and ratings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Báo cáo, đánh giá"
