import csv
import datetime as dt
from pathlib import Path

import pytest

PROJECT_CSV = Path(__file__).resolve().parent.parent / "data" / "holidays-2026.csv"


def read_official_2026() -> dict[dt.date, tuple[str, str]]:
    """{date: (type, name)} from the project's copy of the SKB 3 Menteri 2026 list."""
    with PROJECT_CSV.open(newline="", encoding="utf-8") as fh:
        return {
            dt.date.fromisoformat(row["date"]): (row["type"], row["name"])
            for row in csv.DictReader(fh)
        }


@pytest.fixture(scope="session")
def official_2026() -> dict[dt.date, tuple[str, str]]:
    return read_official_2026()


# The README's examples (and the DESIGN's Lebaran one), all under the official 2026 calendar.
README_ADD_EXAMPLES = [
    (dt.date(2026, 3, 17), 5, dt.date(2026, 3, 31)),
    (dt.date(2026, 3, 16), 10, dt.date(2026, 4, 7)),
    (dt.date(2026, 12, 18), 3, dt.date(2026, 12, 23)),
    (dt.date(2026, 12, 23), 3, dt.date(2026, 12, 30)),
]


@pytest.fixture(autouse=True)
def empty_holiday_table(request):
    """These tests seed the calendar themselves: start each DB test from an empty table
    (the session-wide reference data seeds holidays for the other apps' tests)."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db and not request.node.get_closest_marker("django_db"):
        return
    from django.db import connection

    request.getfixturevalue("db")
    with connection.cursor() as cursor:  # raw: no post_delete, so no calendar_changed
        cursor.execute("DELETE FROM workdays_holiday")
