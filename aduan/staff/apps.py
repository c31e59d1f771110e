from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "aduan.staff"
    label = "staff"
    verbose_name = "Halaman petugas"
