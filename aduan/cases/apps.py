from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "aduan.cases"
    label = "cases"
