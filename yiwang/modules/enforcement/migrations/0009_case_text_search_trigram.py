"""Trigram indexes for the case list's text search on PostgreSQL.

The search box matches the case number, the cause and the party (``icontains``, which Django
writes as ``UPPER(col::text) LIKE UPPER('%…%')``). Without an index every search read all cases:
about 100 ms on 200,000. ``pg_trgm`` GIN indexes on exactly those expressions let PostgreSQL
answer a search of three or more characters from the index (EXPLAIN ANALYZE: 4 ms for the count,
17 ms for the page). A one- or two-character search has no trigram to look up and still reads the
table — a Chinese name is often two characters; a bigram index is left for later.

``pg_trgm`` ships with PostgreSQL and is a trusted extension (the database owner may create it).
Where it cannot be created the migration says so and leaves the search unindexed, still correct.
SQLite (development, small data) does without.
"""

import sys

from django.db import DatabaseError, migrations, transaction

COLUMNS = ("number", "title", "party_name")
INDEXES = [
    f"CREATE INDEX IF NOT EXISTS enf_case_{col}_trgm_idx ON enforcement_case "
    f"USING gin (UPPER({col}::text) gin_trgm_ops)"
    for col in COLUMNS
]
DROP = [f"DROP INDEX IF EXISTS enf_case_{col}_trgm_idx" for col in COLUMNS]


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        present = cursor.fetchone() is not None
    if not present:
        try:
            with transaction.atomic(using=connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as exc:
            print(
                f"\n  pg_trgm 扩展无法创建（{exc}），案件全文检索不建索引；"
                "请数据库管理员执行 CREATE EXTENSION pg_trgm 后重新迁移。",
                file=sys.stderr,
            )
            return
    for sql in INDEXES:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0008_deadline_unit"),
    ]

    operations = [migrations.RunPython(forward, backward)]
