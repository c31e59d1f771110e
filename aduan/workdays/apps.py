from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "aduan.workdays"
    label = "workdays"
    verbose_name = "Hari kerja"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Holiday
        from .signals import holiday_changed

        post_save.connect(holiday_changed, sender=Holiday, dispatch_uid="workdays.holiday_saved")
        post_delete.connect(
            holiday_changed, sender=Holiday, dispatch_uid="workdays.holiday_deleted"
        )
