from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "aduan.dashboards"
    label = "dashboards"
