"""部门预算公开 — budget tables, explanations, performance targets.

Not yet a Django app: the package exists so the module-independence contract covers it from the
first commit. It becomes an app with its manifest when its issue is built.
"""
