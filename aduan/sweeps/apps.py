from django.apps import AppConfig


class SweepsConfig(AppConfig):
    name = "aduan.sweeps"
    label = "sweeps"
