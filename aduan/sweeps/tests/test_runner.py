"""The sweep as a whole: the command, its record, and several workers at once."""

import datetime as dt
import threading
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection

from aduan.cases.tests.builders import build
from aduan.compliance.models import NonComplianceRecord
from aduan.core.models import AuditRecord
from aduan.notifications.models import Notification
from aduan.sweeps.models import DeadlineAlert, SweepRun
from aduan.sweeps.runner import SKIPPED, run_sweep


def wita(day: str, time: str = "09:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}:00+08:00")


@pytest.mark.django_db
def test_command_sweeps_as_of_the_given_moment(staff):
    with time_machine.travel(wita("2026-03-17", "10:00"), tick=False):
        build("routed", staff)
    out = StringIO()
    call_command("sweep", "--at", "2026-04-10T09:00:00+08:00", "--duty", "ladder", stdout=out)
    run = SweepRun.objects.get()
    assert run.as_of == wita("2026-04-10")
    assert run.counts["ladder"]["alerts_escalated"] == 2
    assert "ladder:" in out.getvalue() and "selesai" in out.getvalue()
    audit = AuditRecord.objects.filter(action="sweep").get()
    assert audit.target == f"sweep:{run.pk}" and audit.actor_role == "system"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["besok", "2026-04-10T09:00:00"])
def test_command_refuses_a_moment_it_cannot_read(value):
    with pytest.raises(CommandError):
        call_command("sweep", "--at", value)


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_do_everything_once(staff):
    if connection.vendor != "postgresql":
        # The test database is SQLite in memory with a shared cache, which answers a second
        # writer with "table is locked" instead of waiting; the file database the site uses
        # waits (IMMEDIATE transactions, busy timeout). .ci/run runs this on PostgreSQL.
        pytest.skip("PostgreSQL only: needs two real concurrent connections")
    with time_machine.travel(wita("2026-03-17", "10:00"), tick=False):
        for _ in range(3):
            build("routed", staff)
    errors, results = [], []
    start = threading.Barrier(2)

    def worker():
        try:
            start.wait()
            results.append(run_sweep(wita("2026-04-10"), duties=["ladder", "lifecycle"]))
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    # 3 cases x 2 agencies: reminder is past, so missed + escalated for each assignment.
    assert DeadlineAlert.objects.count() == 12
    assert NonComplianceRecord.objects.count() == 6
    # Each escalation reaches the Sekda and the Inspektorat once, each missed notice one head.
    assert Notification.objects.filter(kind="escalated").count() == 12
    assert Notification.objects.filter(kind="deadline_missed").count() == 6
    ladders = [r.counts["ladder"] for r in results]
    done = [c for c in ladders if c != SKIPPED]
    assert sum(c["alerts"] for c in done) == 12


@pytest.mark.django_db(transaction=True)
def test_sweep_on_a_database_without_reference_data_does_nothing_and_fails_nothing():
    from aduan.agencies.models import Agency, Category, SlaPolicy

    SlaPolicy.objects.all().delete()
    Category.objects.all().delete()
    Agency.objects.all().delete()
    run = run_sweep(duties=["ladder", "lifecycle"])
    assert run.counts["ladder"]["alerts"] == 0
    assert run.finished_at is not None
