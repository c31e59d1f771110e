from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from aduan.workdays.seed import seed_holidays

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(params=[True, False], ids=["seeded", "empty-table"])
def calendar_state(request):
    if request.param:
        seed_holidays()


@pytest.mark.usefixtures("calendar_state")
def test_add():
    assert run("add", "2026-03-17", "5") == "2026-03-31\n"


@pytest.mark.usefixtures("calendar_state")
def test_between():
    assert run("between", "2026-03-16", "2026-04-07") == "10\n"


def test_add_zero_and_other_examples():
    assert run("add", "2026-12-18", "3") == "2026-12-23\n"
    assert run("add", "2026-12-23", "3") == "2026-12-30\n"
    assert run("add", "2026-03-17", "0") == "2026-03-17\n"


@pytest.mark.parametrize("bad", ["2026-13-45", "kemarin", "2026-02-30", "20260317", ""])
def test_bad_date_is_a_command_error(bad):
    with pytest.raises(CommandError) as exc:
        run("add", bad, "5")
    assert str(exc.value) == f"Tanggal tidak valid: {bad!r} (format YYYY-MM-DD)"
    with pytest.raises(CommandError, match="Tanggal tidak valid"):
        run("between", "2026-03-16", bad)


@pytest.mark.parametrize("bad", ["-1", "lima", "2.5"])
def test_bad_count_is_a_command_error(bad):
    with pytest.raises(CommandError, match="Jumlah hari kerja tidak valid"):
        run("add", "2026-03-17", bad)


def test_missing_action_is_a_command_error():
    with pytest.raises(CommandError):
        run()
