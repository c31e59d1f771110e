from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "aduan.retention"
    label = "retention"
    verbose_name = "Retensi data"

    def ready(self):
        # The purgers of the cases app register themselves (aduan.retention.registry).
        from . import purgers  # noqa: F401
