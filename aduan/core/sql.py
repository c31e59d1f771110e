"""Set-based writes the ORM does not offer: INSERT ... SELECT ... ON CONFLICT DO NOTHING.

The SELECT is usually built with the ORM (so filters, joins and CASE expressions stay readable)
and compiled here; both SQLite (>= 3.24) and PostgreSQL accept the statement. The unique
constraints of the target table make a repeated statement insert nothing.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, QuerySet


def quoted_table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def quoted_column(model: type[Model], field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def execute(sql: str, params: list | tuple = ()) -> int:
    """Runs one statement; returns the number of rows it wrote."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def insert_from_select(model: type[Model], columns: list[str], queryset: QuerySet) -> int:
    """INSERT INTO model (columns) <queryset's SELECT> ON CONFLICT DO NOTHING.

    `queryset` must be `selecting(queryset, {column: expression})` (below): the ORM refuses
    annotations named like model fields, so the SELECT names are prefixed and matched by order.
    The SELECT must have a WHERE clause (SQLite needs one before ON CONFLICT): filter it.
    """
    selected = list(queryset.query.annotation_select)
    if queryset.query.values_select or selected != [f"v_{name}" for name in columns]:
        raise ValueError(f"SELECT gives {selected}, INSERT expects {columns}")
    try:
        select_sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a condition that can match nothing (an empty IN list)
        return 0
    names = ", ".join(quoted_column(model, name) for name in columns)
    return execute(
        f"INSERT INTO {quoted_table(model)} ({names}) {select_sql} ON CONFLICT DO NOTHING",
        params,
    )


def selecting(queryset: QuerySet, expressions: dict, *, group_by: tuple[str, ...] = ()) -> QuerySet:
    """`queryset.values()` of exactly these expressions, in this order, for insert_from_select.
    With `group_by` (names among the expressions, which must come first), one row per group:
    the remaining expressions are then aggregates or constants."""
    prefixed = {f"v_{name}": expression for name, expression in expressions.items()}
    if not group_by:
        return queryset.order_by().values(**prefixed)
    keys = [f"v_{name}" for name in group_by]
    if list(prefixed)[: len(keys)] != keys:
        raise ValueError("group_by columns must come first")
    grouped = queryset.order_by().values(**{key: prefixed.pop(key) for key in keys})
    return grouped.annotate(**prefixed)


def db_datetime(value):
    """A datetime as the database stores it (raw statements bypass the field's adaptation;
    SQLite compares datetimes as text, so the format must match the ORM's exactly)."""
    return connection.ops.adapt_datetimefield_value(value)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"
