from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "yiwang.kernel.ui"
    label = "ui"
    verbose_name = "界面"
