"""行政执法 — cases, legal review, decisions, records, publicity (issue 3 onwards).

Not yet a Django app: the package exists so the module-independence contract covers it from the
first commit. It becomes an app with its manifest when its issue is built.
"""
