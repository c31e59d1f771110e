"""Full-text search over title and description (aduan.cases.search).

SQLite: an FTS5 table over cases_case (external content), kept in step by triggers and filled
once from the existing rows. PostgreSQL: a GIN index on to_tsvector('indonesian', title || ' '
|| description); aduan.cases.search.PG_DOCUMENT repeats that expression exactly. Any other
database gets nothing (search falls back to substring matching). The SQL is frozen here on
purpose: a migration must not change when the application code does.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS cases_case_fts USING fts5(
        title, description, content='cases_case', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER IF NOT EXISTS cases_case_fts_ai AFTER INSERT ON cases_case BEGIN
        INSERT INTO cases_case_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
    END""",
    """CREATE TRIGGER IF NOT EXISTS cases_case_fts_ad AFTER DELETE ON cases_case BEGIN
        INSERT INTO cases_case_fts(cases_case_fts, rowid, title, description)
        VALUES ('delete', old.id, old.title, old.description);
    END""",
    """CREATE TRIGGER IF NOT EXISTS cases_case_fts_au AFTER UPDATE OF title, description ON cases_case
        WHEN old.title IS NOT new.title OR old.description IS NOT new.description
    BEGIN
        INSERT INTO cases_case_fts(cases_case_fts, rowid, title, description)
        VALUES ('delete', old.id, old.title, old.description);
        INSERT INTO cases_case_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
    END""",
    "INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cases_case_fts_au",
    "DROP TRIGGER IF EXISTS cases_case_fts_ad",
    "DROP TRIGGER IF EXISTS cases_case_fts_ai",
    "DROP TABLE IF EXISTS cases_case_fts",
]

PG_FORWARD = [
    'CREATE INDEX IF NOT EXISTS cases_case_fulltext_idx ON "cases_case" USING GIN '
    "(to_tsvector('indonesian'::regconfig, (\"title\" || ' ' || \"description\")))"
]
PG_REVERSE = ["DROP INDEX IF EXISTS cases_case_fulltext_idx"]

BY_VENDOR = {
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
    "postgresql": (PG_FORWARD, PG_REVERSE),
}


def _run(schema_editor, which: int) -> None:
    statements = BY_VENDOR.get(schema_editor.connection.vendor)
    if statements is None:
        return
    for sql in statements[which]:
        schema_editor.execute(sql, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, 0)


def reverse(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_content_fingerprint"),
    ]

    operations = [migrations.RunPython(forward, reverse, elidable=False)]
