"""Full-text search over a case's title and description (issue 4, item 6).

SQLite: an FTS5 table (`cases_case_fts`, external content over cases_case) kept in step by
triggers. PostgreSQL: a GIN expression index on the `indonesian` text-search configuration,
queried with `websearch_to_tsquery` (quotes, `-word`, `or`; "perbaikan" finds "memperbaiki":
both stem to "baik"). Both are created by migration 0003_case_fulltext, each only on its own
database. PG_DOCUMENT repeats that index's expression exactly, so PostgreSQL can use the index.

Search text is untrusted: on SQLite every term is quoted before it reaches FTS5's query syntax;
PostgreSQL's websearch parser accepts any input. A query that is only punctuation searches
nothing (the queryset is returned unchanged).
"""

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

FTS_TABLE = "cases_case_fts"
PG_CONFIG = "indonesian"
PG_DOCUMENT = (
    f"to_tsvector('{PG_CONFIG}'::regconfig, "
    '("cases_case"."title" || \' \' || "cases_case"."description"))'
)
MAX_QUERY_LENGTH = 200
MAX_TERMS = 16

# A quoted phrase, or a run of anything but space and quote; either may carry a leading "-".
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w", re.UNICODE)
_TRACKING = re.compile(r"\A(?:ADU|WBS)-\d{4}-[A-Z0-9]{4,12}\Z")


def clean_query(q: str) -> str:
    """Printable text only (no NUL or lone surrogates, which the databases refuse), single
    spaces, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (q or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def fts5_query(q: str) -> str:
    """Untrusted text -> a safe FTS5 MATCH expression, or "" if it holds no word.

    Words and "quoted phrases" must all occur (AND); `-word` excludes; a trailing `*` on a
    word matches it as a prefix. Every term is double-quoted (inner quotes doubled), so no
    input can reach FTS5's operators, column filters or syntax errors.
    """
    include: list[str] = []
    exclude: list[str] = []
    for match in _TOKEN.finditer(clean_query(q)):
        negate = bool(match.group(1) or match.group(3))
        text = match.group(2) if match.group(2) is not None else match.group(4)
        prefix = match.group(4) is not None and text.endswith("*")
        text = text.rstrip("*") if prefix else text
        if not _WORD.search(text):
            continue
        term = '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")
        (exclude if negate else include).append(term)
        if len(include) + len(exclude) >= MAX_TERMS:
            break
    if not include:  # FTS5's NOT needs something on its left; a lone "-x" searches nothing
        return ""
    expression = " AND ".join(include)
    if exclude:
        expression = f"({expression})" + "".join(f" NOT {term}" for term in exclude)
    return expression


def looks_like_tracking_number(q: str) -> bool:
    return bool(_TRACKING.match(q.strip().upper()))


def search_cases(queryset: QuerySet, q: str) -> QuerySet:
    """Cases of `queryset` whose title or description match `q` (or whose tracking number is
    `q`). Adds no query of its own: the match is a condition inside the caller's query."""
    q = clean_query(q)
    if not q:
        return queryset
    by_number = Q(tracking_number=q.upper()) if looks_like_tracking_number(q) else None
    vendor = connection.vendor
    if vendor == "sqlite":
        expression = fts5_query(q)
        if not expression:
            return queryset.filter(by_number) if by_number else queryset
        matched = Q(
            # Constant SQL; the user's text is a bound parameter, quoted term by term.
            pk__in=RawSQL(  # noqa: S611
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                (expression,),
            )
        )
    elif vendor == "postgresql":
        if not _WORD.search(q):
            return queryset.filter(by_number) if by_number else queryset
        matched = Q(
            RawSQL(  # noqa: S611 (constant SQL, the text is a bound parameter)
                f"{PG_DOCUMENT} @@ websearch_to_tsquery('{PG_CONFIG}'::regconfig, %s)",
                (q,),
                output_field=BooleanField(),
            )
        )
    else:  # another database: plain substring search, slow but correct
        matched = Q()
        for word in q.split():
            matched &= Q(title__icontains=word) | Q(description__icontains=word)
    return queryset.filter((matched | by_number) if by_number else matched)
