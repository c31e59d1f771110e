"""Full-text search (aduan.cases.search): SQLite FTS5 and PostgreSQL `indonesian`."""

import pytest
from django.db import connection

from aduan.cases.models import Case
from aduan.cases.search import fts5_query, search_cases
from aduan.cases.selectors import CaseFilters, case_list

from .builders import build

pytestmark = pytest.mark.django_db
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 only")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

HOSTILE = [
    '"',
    '""',
    "'",
    "*",
    "-",
    "-jalan",
    "NOT",
    "jalan OR",
    "AND OR NOT",
    "title:jalan",
    "description:* OR 1",
    "jalan)",
    "(jalan",
    "NEAR(jalan lubang, 2)",
    "^jalan",
    "jalan\x00lubang",
    "'; DROP TABLE cases_case; --",
    '" OR "" = "',
    "%_%",
    "\\",
    "jalan & | ! <-> :*",
    "🙂 jalan",
    "a" * 500,
    "x " * 300,
    "\ud800 jalan",
    "jalan\u202e\u200b",
]


def test_fts5_query_quotes_every_term():
    assert fts5_query("jalan rusak") == '"jalan" AND "rusak"'
    assert fts5_query('"jalan berlubang" dinkes') == '"jalan berlubang" AND "dinkes"'
    assert fts5_query("berlu*") == '"berlu"*'
    assert fts5_query("jalan -listrik") == '("jalan") NOT "listrik"'
    assert fts5_query('ja"lan') == '"ja" AND "lan"'
    assert fts5_query("title:jalan OR NOT") == '"title:jalan" AND "OR" AND "NOT"'
    assert fts5_query("NEAR(a b)") == '"NEAR(a" AND "b)"'
    for nothing in ("", "   ", "*", '"', "-jalan", "- * ( )", "!!!"):
        assert fts5_query(nothing) == "", nothing


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_search_text_never_breaks_the_query(staff, reference, text):
    build("received", staff)
    page = case_list(staff["coordinator"], CaseFilters(q=text))
    assert page.total in (0, 1)
    assert list(search_cases(Case.objects.all(), text)) is not None


def test_tracking_number_is_found_by_search(staff, reference):
    case = build("received", staff)
    other = build("received", staff)
    found = search_cases(Case.objects.all(), case.tracking_number.lower())
    assert list(found) == [case]
    assert other not in found


@on_sqlite
def test_sqlite_terms_phrases_prefixes_and_exclusions(staff, reference):
    road = build("received", staff, title="Jalan berlubang di Km 17")
    light = build(
        "received",
        staff,
        title="Lampu jalan mati",
        description="Lampu penerangan jalan umum padam; listrik tidak menyala.",
    )

    def found(q):
        return set(search_cases(Case.objects.all(), q))

    assert found("jalan") == {road, light}
    assert found("JALAN lubang") == {road}  # "lubang" is in the default description
    assert found('"jalan berlubang"') == {road}
    assert found('"berlubang jalan"') == set()
    assert found("penerang*") == {light}
    assert found("jalan -listrik") == {road}
    assert found("tidak-ada-kata-ini") == set()


@on_sqlite
def test_sqlite_index_follows_edits_and_deletes(staff, reference):
    case = build("received", staff, title="Sampah menumpuk di pasar")
    assert list(search_cases(Case.objects.all(), "sampah")) == [case]
    Case.objects.filter(pk=case.pk).update(title="Banjir di perumahan")
    assert list(search_cases(Case.objects.all(), "sampah")) == []
    assert list(search_cases(Case.objects.all(), "banjir")) == [case]
    case.delete()
    assert list(search_cases(Case.objects.all(), "banjir")) == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_case_fts WHERE cases_case_fts MATCH 'banjir'")
        assert cursor.fetchone()[0] == 0


@on_sqlite
def test_sqlite_diacritics_are_folded(staff, reference):
    case = build("received", staff, title="Kafe Ré di Banjarbaru")
    assert list(search_cases(Case.objects.all(), "re")) == [case]


@on_postgres
def test_postgres_indonesian_stemming(staff, reference):
    fixed = build(
        "received",
        staff,
        title="Jembatan belum diperbaiki",
        description="Pemerintah berjanji memperbaiki jembatan kayu di desa kami.",
    )
    service = build(
        "received",
        staff,
        title="Pelayanan puskesmas lambat",
        description="Antrean layanan di puskesmas sangat panjang dan listrik sering padam.",
    )

    def found(q):
        return set(search_cases(Case.objects.all(), q))

    # The indonesian snowball stemmer: perbaikan, memperbaiki, diperbaiki -> "baik";
    # pelayanan, layanan -> "layan".
    assert found("perbaikan") == {fixed}
    assert found("layanan") == {service}
    assert found('"jembatan kayu"') == {fixed}
    assert found('"kayu jembatan"') == set()
    assert found("puskesmas -listrik") == set()
    assert found("jembatan or puskesmas") == {fixed, service}


@on_postgres
def test_postgres_search_uses_the_gin_index(staff, reference):
    build("received", staff)
    query = search_cases(Case.objects.all(), "jalan").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "cases_case_fulltext_idx" in plan
