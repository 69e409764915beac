from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The top floor: home, dashboard, navigation, the process runner and the demo data.

    It may use every app; no app uses it (import-linter checks both)."""

    name = "nabz.shell"
    verbose_name = "Shell"
