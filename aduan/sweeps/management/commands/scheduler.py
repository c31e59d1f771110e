"""`manage.py scheduler`: enqueues the periodic tasks of config/schedule.py on time.

It only enqueues; the task worker (db_worker) runs the work. A task whose previous run is still
waiting or running is not enqueued again, so a slow worker never piles sweeps up. Stops cleanly
on SIGINT / SIGTERM.
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus
from django.utils.module_loading import import_string

from aduan.core import clock
from config.schedule import SCHEDULE

UNFINISHED = {TaskResultStatus.READY, TaskResultStatus.RUNNING}


class Command(BaseCommand):
    help = "Jadwalkan tugas berkala (sapuan tenggat) ke antrean pekerja tugas."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="antrekan semua tugas sekali lalu berhenti"
        )

    def handle(self, *args, once=False, **options):
        stop: list[int] = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda signum, frame: stop.append(signum))
        started = clock.now()
        next_at = {entry.task: started + entry.first_after for entry in SCHEDULE}
        last_result = {}
        self.stdout.write(
            "Penjadwal aktif: "
            + ", ".join(f"{e.task} tiap {int(e.every.total_seconds())} s" for e in SCHEDULE)
        )
        while not stop:
            now = clock.now()
            for entry in SCHEDULE:
                if not once and now < next_at[entry.task]:
                    continue
                next_at[entry.task] = now + entry.every
                task = import_string(entry.task)
                previous = last_result.get(entry.task)
                if previous is not None and _unfinished(task, previous):
                    self.stdout.write(f"{entry.task}: run sebelumnya belum selesai; dilewati")
                    continue
                last_result[entry.task] = task.enqueue().id
            if once:
                return
            time.sleep(1)


def _unfinished(task, result_id) -> bool:
    try:
        return task.get_result(result_id).status in UNFINISHED
    except Exception:  # the result was pruned or the backend keeps none: enqueue again
        return False
