from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "aduan.compliance"
    label = "compliance"
