"""The hash chain (aduan.core.audit): tampering with one record through SQL, behind the ORM's
back, makes `audit verify` fail naming that record (issue 6, "Tests that must exist")."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from aduan.core import audit
from aduan.core.models import AuditRecord

pytestmark = pytest.mark.django_db

TABLE = AuditRecord._meta.db_table


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=connection.ops.quote_name(TABLE)), params)


@pytest.fixture
def chain(make_user):
    user = make_user("coordinator", "DISKOMINFO", "koordinator")
    for n in range(5):
        audit.record(user, "case_view", f"case:ADU-2026-00000{n}", fields=n)
    return list(AuditRecord.objects.order_by("id"))


def fails_naming(record_id: int, kind: str) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify")
    message = str(raised.value)
    assert f"catatan #{record_id} (" in message, message
    assert f"[{kind}]" in message, message
    return message


def test_an_intact_chain_verifies(chain, capsys):
    assert audit.check_chain().problem is None
    assert audit.check_chain().checked == 5
    call_command("audit", "verify")
    assert "Rantai audit utuh: 5 catatan." in capsys.readouterr().out
    call_command("verify_audit")  # the older name still works


def test_altering_a_record_names_it(chain):
    sql("UPDATE {table} SET action = %s WHERE id = %s", ["case_export", chain[2].pk])
    message = fails_naming(chain[2].pk, audit.CHANGED)
    assert "isinya diubah" in message
    assert "2 catatan sebelumnya utuh" in message
    assert audit.verify_chain()[1].pk == chain[2].pk


def test_altering_the_details_or_the_time_names_it(chain):
    sql("UPDATE {table} SET details = %s WHERE id = %s", ['{"fields": 9}', chain[1].pk])
    fails_naming(chain[1].pk, audit.CHANGED)


def test_altering_a_record_and_recomputing_its_hash_names_it(chain):
    row = chain[2]
    forged = audit.digest(
        row.previous_hash, row.at, row.actor, row.actor_role, "login", row.target, row.details
    )
    sql(
        "UPDATE {table} SET action = %s, record_hash = %s WHERE id = %s",
        ["login", forged, row.pk],
    )
    message = fails_naming(row.pk, audit.CHANGED)
    assert "dihitung ulang" in message


def test_deleting_a_middle_record_names_the_break(chain):
    sql("DELETE FROM {table} WHERE id = %s", [chain[2].pk])
    message = fails_naming(chain[3].pk, audit.MISSING)
    assert f"tidak bersambung dengan catatan #{chain[1].pk}" in message
    assert "dihapus" in message


def test_deleting_the_first_record_names_the_new_first(chain):
    sql("DELETE FROM {table} WHERE id = %s", [chain[0].pk])
    fails_naming(chain[1].pk, audit.START_MISSING)


def test_reordering_two_records_names_the_first_out_of_place(chain):
    second, third = chain[1].pk, chain[2].pk
    sql("UPDATE {table} SET id = %s WHERE id = %s", [-1, second])
    sql("UPDATE {table} SET id = %s WHERE id = %s", [second, third])
    sql("UPDATE {table} SET id = %s WHERE id = %s", [third, -1])
    message = fails_naming(second, audit.REORDERED)
    assert f"sesudah catatan #{third}" in message


def test_problem_names_time_in_wita(chain):
    sql("UPDATE {table} SET target = %s WHERE id = %s", ["case:lain", chain[0].pk])
    problem = audit.check_chain().problem
    assert problem.record_id == chain[0].pk
    assert "WITA" in problem.describe()


def test_records_name_the_actor_and_role(make_user):
    user = make_user("agency_officer", "DPUPR", "opd.x")
    entry = audit.record(user, "login")
    assert (entry.actor, entry.actor_role) == ("opd.x", "agency_officer")
    assert audit.record(None, "login_failed").actor == "anonymous"
    assert audit.record(audit.CONSOLE_ACTOR, "audit_export").actor == "console"


def test_the_chain_survives_a_rolled_back_append(make_user):
    from django.db import transaction

    user = make_user("auditor")
    audit.record(user, "one")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(user, "rolled_back")
        raise RuntimeError
    audit.record(user, "two")
    assert audit.check_chain().problem is None
    assert list(AuditRecord.objects.values_list("action", flat=True)) == ["one", "two"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: needs real concurrent connections (SQLite has one writer)")
    user = make_user("auditor")
    start, errors = threading.Barrier(4), []

    def writer(n):
        try:
            start.wait()
            for i in range(10):
                audit.record(user, "case_view", f"case:{n}-{i}")
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    result = audit.check_chain()
    assert (result.checked, result.problem) == (40, None)
