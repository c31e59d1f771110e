"""Benchmark: one periodic sweep (issue 5) over N open cases, on a fresh database.

    .venv/bin/python bench/sweep.py [N] [--explain]            # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aduan_bench_sweep \\
        .venv/bin/python bench/sweep.py [N]                     # PostgreSQL

With DATABASE_URL the database must be one you created for this and is EMPTY (no tables): the
script refuses to start otherwise, fills it, empties it again between the two sizes
(`manage.py flush`) and leaves it filled with the smaller size; drop it afterwards, e.g.
`createdb -h 127.0.0.1 -U postgres aduan_bench_sweep` before and `dropdb ...` after.

For N (default 100 000) and then N/10 cases it migrates, runs `seed_reference` and
`seed_demo --open --cases N --seed 1` (open cases only, about 1.5 assignments per case, received
over the last ~60 days), gives every agency of kind OPD one officer and one head with an e-mail
address (so reminders and escalations reach people, as in production), on PostgreSQL runs
ANALYZE (a production database has planner statistics; freshly bulk-loaded tables have none
until autovacuum comes by), and then, in a child process with Django set up, runs
`run_sweep(now)` under CaptureQueriesContext and prints:

- seconds and queries of the sweep, per duty too, and its slowest statements (each duty is one
  transaction, so its COMMIT counts: on PostgreSQL that is where the deferred foreign-key
  checks of every inserted row run);
- the run's counts: alerts per ladder step, events, notifications, non-compliance records,
  staff e-mails, withdrawn and closed cases, reporter notices, messages delivered;
- a second sweep at the same moment: its seconds and that it changed nothing (row counts of
  the tables the duties write, delivery of the outbox backlog aside);
- with --explain, the query plan of the slowest statements of the first sweep.

Finally the ratio of query counts between N and N/10 (aim ~1.0: the number of queries does not
grow with the number of cases) and whether one sweep stays under 10 s (the aim of issue 5).
The duties `digests` and `monthly_report` are included only when their modules can be imported.
Timing is printed, never asserted.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AIM_SECONDS = 10.0
RESULT_PREFIX = "RESULT "
# What run_sweep does after the duties: deliver_due() (the outbox, up to 500 messages one by
# one) and the run's own record and audit entry.
DELIVERY = "delivery+bookkeeping"
PLANNED = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


# -- child: runs with Django set up ------------------------------------------------------------
def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def _available_duties() -> tuple[list[str], list[str]]:
    """(duties to run, duties left out): every duty of the sweep."""
    from aduan.sweeps.runner import DUTIES

    return list(DUTIES), []


def child_check_empty() -> None:
    _django()
    from django.db import connection

    tables = connection.introspection.table_names()
    if tables:
        sys.exit(f"bench/sweep.py: the database is not empty ({len(tables)} tables); refusing.")


def child_prepare() -> None:
    """One officer and one head with an e-mail address for every OPD that has none; planner
    statistics on PostgreSQL."""
    _django()
    from django.db import connection

    from aduan.accounts.models import User
    from aduan.accounts.roles import Role
    from aduan.agencies.models import Agency, AgencyKind

    have = set(User.objects.values_list("agency_id", "role"))
    users = []
    for agency in Agency.objects.filter(kind=AgencyKind.OPD):
        for role, prefix in ((Role.AGENCY_OFFICER, "opd"), (Role.AGENCY_HEAD, "kepala")):
            if (agency.pk, role) not in have:
                name = f"bench.{prefix}.{agency.code.lower()}"
                user = User(username=name, role=role, agency=agency, email=f"{name}@bench.invalid")
                user.set_unusable_password()
                users.append(user)
    User.objects.bulk_create(users)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(RESULT_PREFIX + json.dumps({"staff": len(users)}))


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    labels = [
        "cases.Case", "cases.CaseEvent", "sweeps.DeadlineAlert", "notifications.Notification",
        "notifications.OutboundMessage", "compliance.NonComplianceRecord",
    ]  # fmt: skip
    counts = {label: apps.get_model(label).objects.count() for label in labels}
    from aduan.cases.models import Case

    for status in Case.objects.values_list("status", flat=True).distinct():
        counts[f"cases.{status}"] = Case.objects.filter(status=status).count()
    return counts


def _open_deadlines(as_of) -> dict[str, int]:
    """The deadlines the ladder watches before the first sweep, and how many have passed."""
    from aduan.cases.models import Assignment, Case

    at_agency = Assignment.objects.filter(case__status__in=["routed", "in_progress"])
    watched = {
        "verification": (Case.objects.filter(status="received"), "due_at"),
        "first_response": (at_agency.filter(status="pending"), "first_response_due_at"),
        "resolution": (at_agency.filter(status="accepted"), "due_at"),
    }
    counts = {}
    for stage, (rows, due) in watched.items():
        counts[stage] = rows.count()
        counts[f"{stage}_passed"] = rows.filter(**{f"{due}__lt": as_of}).count()
    return counts


def _measured_sweep(as_of, duties: list[str]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from aduan.sweeps.runner import run_sweep

    connection.queries_log = deque(maxlen=1_000_000)  # Django keeps only 9000 by default
    marks = []
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()

        def progress(message: str) -> None:
            marks.append((message.split(":", 1)[0], time.perf_counter(), len(queries)))

        run = run_sweep(as_of, triggered_by="bench", duties=duties, progress=progress)
        seconds = time.perf_counter() - started
    per_duty, last_time, last_count = [], started, 0
    for name, moment, count in [*marks, (DELIVERY, started + seconds, len(queries))]:
        per_duty.append((name, moment - last_time, count - last_count))
        last_time, last_count = moment, count
    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]
    return {
        "seconds": seconds,
        "queries": len(queries),
        "per_duty": per_duty,
        "counts": run.counts,
        "slowest": [(float(q["time"]), q["sql"]) for q in slowest],
    }


def _explain(sql: str) -> str:
    from django.db import connection, transaction

    prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            rows = cursor.fetchall()
            transaction.set_rollback(True)
    except Exception as error:  # a statement that cannot be explained as captured
        return f"(no plan: {type(error).__name__})"
    return "\n".join(" | ".join(str(c) for c in row) for row in rows)


def child_sweep(explain: bool) -> None:
    _django()
    from aduan.core import clock

    duties, missing = _available_duties()
    as_of = clock.now()
    before = _row_counts()
    deadlines = _open_deadlines(as_of)
    first = _measured_sweep(as_of, duties)
    after_first = _row_counts()
    second = _measured_sweep(as_of, duties)
    after_second = _row_counts()
    changed = {
        label: after_second[label] - after_first.get(label, 0)
        for label in after_second
        if after_second[label] != after_first.get(label, 0)
    }
    statements = [sql for _, sql in first["slowest"] if sql.lstrip().upper().startswith(PLANNED)]
    plans = [(sql, _explain(sql)) for sql in statements] if explain else []
    result = {
        "duties": duties,
        "missing_duties": missing,
        "as_of": as_of.isoformat(),
        "before": before,
        "deadlines": deadlines,
        "first": first,
        "second": second,
        "second_changed": changed,
        "plans": plans,
    }
    print(RESULT_PREFIX + json.dumps(result, default=str))


# -- parent ------------------------------------------------------------------------------------
def _run(args: list[str], env: dict) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[1:3])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def _result(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    return json.loads(lines[-1][len(RESULT_PREFIX) :])


def measure(count: int, *, first_size: bool, explain: bool) -> dict:
    postgres = bool(os.environ.get("DATABASE_URL"))
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**os.environ, "ADUAN_VAR_DIR": var_dir, "ADUAN_DEMO_PASSWORD": "bench-only"}
        env.pop("EMAIL_HOST", None)  # mail goes to files in the temporary directory
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        manage = [sys.executable, str(ROOT / "manage.py")]
        me = [sys.executable, str(Path(__file__).resolve())]
        if postgres and first_size:
            _run([*me, "--child", "check-empty"], env)
        if postgres and not first_size:
            _run([*manage, "flush", "--no-input"], env)
        _run([*manage, "migrate", "-v0"], env)
        _run([*manage, "seed_reference"], env)
        started = time.perf_counter()
        seeded = _run(
            [*manage, "seed_demo", "--open", "--cases", str(count), "--seed", "1"], env
        ).strip()
        seed_seconds = time.perf_counter() - started
        staff = _result(_run([*me, "--child", "prepare"], env))["staff"]
        result = _result(_run([*me, "--child", "sweep", *(["--explain"] if explain else [])], env))
    summary = next((line for line in seeded.splitlines() if "dibuat dalam" in line), seeded)
    result.update(cases=count, seed_seconds=seed_seconds, seeded=summary, staff=staff)
    return result


def _duty_queries(sweep: dict) -> int:
    """Queries of the duties themselves, without the delivery of the outbox afterwards."""
    return sum(queries for name, _, queries in sweep["per_duty"] if name != DELIVERY)


def _show(result: dict) -> None:
    first, second = result["first"], result["second"]
    counts = first["counts"]
    ladder, lifecycle = counts.get("ladder", {}), counts.get("lifecycle", {})
    print(f"\n== {result['cases']:,} open cases ==")
    print(f"  seed_demo --open: {result['seed_seconds']:.0f} s; {result['seeded']}")
    print(f"  bench staff added: {result['staff']} (one officer and one head per OPD)")
    watched = result["deadlines"]
    print(
        "  open deadlines before the sweep (passed): "
        + ", ".join(
            f"{stage} {watched[stage]} ({watched[stage + '_passed']})"
            for stage in ("verification", "first_response", "resolution")
        )
    )
    if result["missing_duties"]:
        print(
            f"  duties run: {', '.join(result['duties'])} "
            f"(not importable yet, left out: {', '.join(result['missing_duties'])})"
        )
    else:
        print(f"  duties run: {', '.join(result['duties'])}")
    aim = "under" if first["seconds"] < AIM_SECONDS else "OVER"
    print(
        f"  first sweep: {first['seconds']:.2f} s, {first['queries']} queries "
        f"({aim} the {AIM_SECONDS:.0f} s aim)"
    )
    for name, seconds, queries in first["per_duty"]:
        print(f"    {name:<22} {seconds:7.2f} s {queries:6} queries")
    if isinstance(ladder, dict):
        shown = (
            ("alerts reminder", "alerts_reminder"), ("missed", "alerts_missed"),
            ("escalated", "alerts_escalated"), ("events", "events"),
            ("notifications", "notifications"), ("non-compliance records", "noncompliance"),
            ("staff e-mails", "staff_emails"), ("fulfilled", "fulfilled"),
        )  # fmt: skip
        print("  ladder: " + ", ".join(f"{label} {ladder.get(key, 0)}" for label, key in shown))
    else:
        print(f"  ladder: {ladder}")
    if isinstance(lifecycle, dict):
        print(
            f"  lifecycle: withdrawn {lifecycle.get('withdrawn', 0)}, "
            f"closed {lifecycle.get('closed', 0)}, "
            f"reporter notices {lifecycle.get('reporter_messages', 0)}"
        )
    else:
        print(f"  lifecycle: {lifecycle}")
    others = {k: v for k, v in counts.items() if k not in ("ladder", "lifecycle")}
    print(f"  other counts: {others}")
    print("  slowest statements of the first sweep:")
    for seconds, sql in first["slowest"]:
        print(f"    {seconds:.3f} s  {sql[:160]}{'…' if len(sql) > 160 else ''}")
    changed = result["second_changed"]
    verdict = "changed nothing" if not changed else f"CHANGED {changed}  <-- not idempotent"
    print(
        f"  second sweep, same moment: {second['seconds']:.2f} s, {second['queries']} queries "
        f"({_duty_queries(second)} in the duties), {verdict}; it delivered "
        f"{second['counts'].get('delivered', 0)} messages queued by the first; "
        f"counts {second['counts']}"
    )
    for sql, plan in result["plans"]:
        print(f"  EXPLAIN {sql[:200]}…\n    " + plan.replace("\n", "\n    "))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        mode = sys.argv[2]
        if mode == "check-empty":
            return child_check_empty()
        if mode == "prepare":
            return child_prepare()
        return child_sweep(explain="--explain" in sys.argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=int, default=100_000)
    parser.add_argument("--explain", action="store_true", help="plans of the slowest statements")
    options = parser.parse_args()
    backend = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    print(f"sweep benchmark on {backend}")
    sizes = [options.cases, max(options.cases // 10, 1)]
    results = []
    for index, count in enumerate(sizes):
        results.append(measure(count, first_size=index == 0, explain=options.explain))
        _show(results[-1])
    big, small = results
    ratio = big["first"]["queries"] / max(small["first"]["queries"], 1)
    duties = _duty_queries(big["first"]) / max(_duty_queries(small["first"]), 1)
    print(
        f"\nqueries {big['cases']:,} vs {small['cases']:,} cases: "
        f"{big['first']['queries']} / {small['first']['queries']} = {ratio:.2f} (aim ~1.0); "
        f"duties alone {_duty_queries(big['first'])} / {_duty_queries(small['first'])} "
        f"= {duties:.2f}"
    )
    print(
        f"one sweep over {big['cases']:,} open cases: {big['first']['seconds']:.2f} s "
        f"(aim < {AIM_SECONDS:.0f} s) on {backend}"
    )


if __name__ == "__main__":
    main()
