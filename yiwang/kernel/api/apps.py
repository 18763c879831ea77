from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "yiwang.kernel.api"
    label = "yiwang_api"
    verbose_name = "接口"
