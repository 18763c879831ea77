"""Base templates, navigation from manifests, login/logout, health check."""
