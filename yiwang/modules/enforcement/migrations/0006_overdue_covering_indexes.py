"""Covering indexes for the supervisor's overdue page on PostgreSQL (issue 3 benchmark).

The page counts and lists the open deadlines past due in the bodies the supervisor oversees; the
scope goes through the case's handling unit (``case__unit__path``). With 200,000 cases the count
took a parallel sequential scan of every case to find the units of ~5,000 deadlines (EXPLAIN
ANALYZE: 116 ms). With these two indexes it is an index-only scan of the open deadlines and one
index-only probe per deadline for the case's unit (19–30 ms on the same data):

- ``enf_deadline_open_cover_idx``: open deadlines by (due, kind), carrying case and agency;
- ``enf_case_unit_cover_idx``: the case's id carrying its unit.

``INCLUDE`` is PostgreSQL syntax; SQLite (development, small data) does without. The indexes are
not declared on the models (Django would try to create them on SQLite too), so the migration
state does not know them and ``makemigrations`` leaves them alone.
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS enf_deadline_open_cover_idx ON enforcement_casedeadline (due, kind) "
    "INCLUDE (case_id, agency_id) WHERE satisfied_on IS NULL AND cancelled_at IS NULL",
    "CREATE INDEX IF NOT EXISTS enf_case_unit_cover_idx ON enforcement_case (id) INCLUDE (unit_id)",
]
DROP = [
    "DROP INDEX IF EXISTS enf_deadline_open_cover_idx",
    "DROP INDEX IF EXISTS enf_case_unit_cover_idx",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0005_case_file_evaluation"),
    ]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
