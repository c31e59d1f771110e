from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "aduan.protection"
    verbose_name = "Perlindungan pelapor"
