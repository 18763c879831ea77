"""A tiny module installed only by the test settings: a manifest with typed settings, permissions and
event subscriptions, so the kernel's module machinery is tested through a real Django app."""
