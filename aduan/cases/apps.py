from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "aduan.cases"
    label = "cases"
    verbose_name = "Laporan"

    def ready(self) -> None:
        from aduan.workdays.signals import calendar_changed

        calendar_changed.connect(_recompute_on_calendar_change, dispatch_uid="cases-recompute")


def _recompute_on_calendar_change(sender, **kwargs) -> None:
    from .tasks import recompute_deadlines_task

    recompute_deadlines_task.enqueue()
