"""The shared kernel. It never imports `yiwang.modules` (enforced by import-linter)."""
