"""Deadlines carry the case's handling unit (issue 3 benchmark).

The supervisor's overdue page scopes deadlines by the handling unit. Reaching the unit through the
case made PostgreSQL join every open deadline to its case: with 200,000 cases the count of ~5,000
overdue deadlines took a parallel scan of the cases (EXPLAIN ANALYZE 40–50 ms, the plan flipping
between runs). A case's unit never changes after filing, so each deadline keeps a copy, filled
here from its case; the open-deadline covering index now carries it and the count is an
index-only scan joined to the organizations (a few milliseconds).

The earlier index of the case's unit by id (0006) served only that join and is dropped.
"""

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = (
    "UPDATE enforcement_casedeadline SET unit_id = "
    "(SELECT unit_id FROM enforcement_case WHERE enforcement_case.id = enforcement_casedeadline.case_id)"
)
PG_FORWARD = [
    "DROP INDEX IF EXISTS enf_case_unit_cover_idx",
    "DROP INDEX IF EXISTS enf_deadline_open_cover_idx",
    "CREATE INDEX enf_deadline_open_cover_idx ON enforcement_casedeadline (due, kind) "
    "INCLUDE (unit_id, id, case_id, agency_id) WHERE satisfied_on IS NULL AND cancelled_at IS NULL",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS enf_deadline_open_cover_idx",
    "CREATE INDEX IF NOT EXISTS enf_deadline_open_cover_idx ON enforcement_casedeadline (due, kind) "
    "INCLUDE (case_id, agency_id) WHERE satisfied_on IS NULL AND cancelled_at IS NULL",
    "CREATE INDEX IF NOT EXISTS enf_case_unit_cover_idx ON enforcement_case (id) INCLUDE (unit_id)",
]


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0007_case_status_index"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="casedeadline",
            name="unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.organization",
                verbose_name="承办机构",
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="casedeadline",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.organization",
                verbose_name="承办机构",
            ),
        ),
        migrations.RunPython(_postgres(PG_FORWARD), _postgres(PG_BACKWARD)),
    ]
