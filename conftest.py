"""Project-wide pytest plugins. Fixtures live in `yiwang.kernel.testing.fixtures`; add new shared
fixture modules to the list below rather than defining fixtures here."""

pytest_plugins = ["yiwang.kernel.testing.fixtures"]
