from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "nabz.workspaces"
    label = "workspaces"
