from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nabz.core"
    label = "core"
    verbose_name = "Nabz core"
