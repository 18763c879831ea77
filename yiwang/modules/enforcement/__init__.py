"""行政执法 — cases, legal review, decisions, records, publicity (issue 3 onwards).

Built in layers. The first one is here and needs no database: kinds, statuses and transition tables
(`workflow`), rules as pure functions (`rules`), flow charts drawn from the tables (`flowchart`) and
the standard documents as DOCX/PDF (`documents`). It is not yet a Django app: models, services,
pages and its manifest come next, on top of this layer. See docs/modules/enforcement.md.
"""
