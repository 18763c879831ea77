"""DRF base: uniform error body, auth, schema."""
