"""Module manifests, the registry built from them, and per-organization activation with typed settings."""
