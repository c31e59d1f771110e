"""The auditor's view of the log: filters, and the export as CSV or JSON Lines (docs/audit.md).

JSON Lines is the exact form: every field as hashed (times in UTC, `details` as stored), so a
third party can recompute each record's hash and the links between them. CSV is for reading in
a spreadsheet: the same fields, times in UTC too, but a text cell that a spreadsheet would run
as a formula gets a leading apostrophe. Every export is itself recorded ("audit_export"),
before it is written, with the filters and the number of records; the export ends at the
newest record that existed before that, so the count is exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass

from django.db.models import QuerySet

from . import audit, clock
from .models import AuditRecord

FORMATS = ("csv", "jsonl")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
FIELDS = (
    "id",
    "at",
    "actor",
    "actor_role",
    "action",
    "target",
    "details",
    "previous_hash",
    "record_hash",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 150  # the longest actor / target a filter may ask for


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def _text(value) -> str:
    return str(value or "").strip()[:MAX_TEXT]


@dataclass(frozen=True)
class AuditFilters:
    """What the auditor asked for; what cannot be read is ignored (query strings)."""

    action: str = ""
    actor: str = ""
    target: str = ""
    date_from: dt.date | None = None  # WITA calendar days, both ends included
    date_to: dt.date | None = None

    @classmethod
    def from_query(cls, query: Mapping) -> AuditFilters:
        return cls(
            action=_text(query.get("action")),
            actor=_text(query.get("actor")),
            target=_text(query.get("target")),
            date_from=_date(query.get("from")),
            date_to=_date(query.get("to")),
        )

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.action:
            queryset = queryset.filter(action=self.action)
        if self.actor:
            queryset = queryset.filter(actor=self.actor)
        if self.target:
            queryset = queryset.filter(target=self.target)
        if self.date_from:
            queryset = queryset.filter(at__gte=_start_of(self.date_from))
        if self.date_to:
            queryset = queryset.filter(at__lt=_start_of(self.date_to + dt.timedelta(days=1)))
        return queryset

    def for_audit(self) -> dict:
        """The filters as they go into the export's own audit record."""
        values = {key: value for key, value in asdict(self).items() if value}
        return {key: str(value) for key, value in values.items()}


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=clock.WITA)


def records(filters: AuditFilters) -> QuerySet:
    """The records the filters select, newest first (the page's order)."""
    return filters.apply(AuditRecord.objects.all()).order_by("-id")


def action_names() -> list[str]:
    """Every action the log holds, for the filter's choices."""
    return list(AuditRecord.objects.order_by("action").values_list("action", flat=True).distinct())


def details_text(details: dict) -> str:
    """`details` on one line, for the page ("" when there are none)."""
    return json.dumps(details, sort_keys=True, ensure_ascii=False) if details else ""


def as_json(row: AuditRecord) -> dict:
    return {
        "id": row.id,
        "at": row.at.isoformat(),
        "actor": row.actor,
        "actor_role": row.actor_role,
        "action": row.action,
        "target": row.target,
        "details": row.details,
        "previous_hash": row.previous_hash,
        "record_hash": row.record_hash,
    }


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_rows(rows: Iterable[AuditRecord]) -> Iterator[list[str]]:
    yield list(FIELDS)
    for row in rows:
        item = as_json(row)
        item["details"] = details_text(row.details) or "{}"
        yield [str(item["id"]), *(_cell(str(item[name])) for name in FIELDS[1:])]


class _Echo:
    """csv.writer into a string, one row at a time (for streaming)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[AuditRecord]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for values in csv_rows(rows):
        yield writer.writerow(values)


def jsonl_lines(rows: Iterable[AuditRecord]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(as_json(row), sort_keys=True, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Export:
    format: str
    count: int
    lines: Iterator[str]  # the file, piece by piece (text)


def start_export(actor, filters: AuditFilters, fmt: str, *, via: str) -> Export:
    """Records the export (who, how, which filters, how many records) and returns its lines,
    oldest record first. `via` says where it was asked for ("page", "command")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    newest = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
    selected = filters.apply(AuditRecord.objects.filter(id__lte=newest)).order_by("id")
    count = selected.count()
    audit.record(
        actor,
        "audit_export",
        "audit",
        format=fmt,
        via=via,
        rows=count,
        filters=filters.for_audit(),
    )
    rows = selected.iterator(chunk_size=2000)
    lines = csv_lines(rows) if fmt == "csv" else jsonl_lines(rows)
    return Export(format=fmt, count=count, lines=lines)
