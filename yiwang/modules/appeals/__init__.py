"""诉求与网格 — hotline work orders, three-level dispatch, grids, patrols.

Not yet a Django app: the package exists so the module-independence contract covers it from the
first commit. It becomes an app with its manifest when its issue is built.
"""
