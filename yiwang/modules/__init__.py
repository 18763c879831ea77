"""Domain modules. Each is a Django app with a `ModuleManifest`; none imports another."""
