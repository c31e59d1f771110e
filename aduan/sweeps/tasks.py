"""The sweep as a background task, so the worker runs it on schedule (config/schedule.py)."""

from django.tasks import task


@task()
def sweep_task() -> int:
    from .runner import run_sweep

    return run_sweep(triggered_by="worker").pk
