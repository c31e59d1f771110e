"""The schedule of periodic work (DESIGN §6): what the `scheduler` command enqueues, how often.

`make run` starts the scheduler beside the web server and the task worker (manage.py serve);
the worker runs what it enqueues. Production may run the scheduler as a service, or call
`manage.py sweep` from cron / a systemd timer instead (docs/operations.md).
"""

import datetime as dt
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Periodic:
    task: str  # dotted path of a django.tasks task taking no arguments
    every: dt.timedelta
    # The first run, this long after the scheduler starts.
    first_after: dt.timedelta = dt.timedelta(seconds=10)


def _seconds(name: str, default: int) -> dt.timedelta:
    return dt.timedelta(seconds=int(os.environ.get(name, str(default))))


SCHEDULE = (
    Periodic(
        task="aduan.sweeps.tasks.sweep_task",
        every=_seconds("ADUAN_SWEEP_INTERVAL_SECONDS", 300),
        first_after=_seconds("ADUAN_SWEEP_FIRST_AFTER_SECONDS", 10),
    ),
)
