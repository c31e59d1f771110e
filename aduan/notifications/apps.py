from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "aduan.notifications"
    label = "notifications"
