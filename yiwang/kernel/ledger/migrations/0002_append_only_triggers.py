"""Append-only triggers on the ledger tables (see yiwang/kernel/ledger/guard.py)."""

from django.db import migrations

from yiwang.kernel.ledger import guard


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = guard.postgresql_create_sql()
    elif vendor == "sqlite":
        statements = guard.sqlite_create_sql()
    else:
        return
    for sql in statements:
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        for sql in guard.drop_sql(vendor):
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
