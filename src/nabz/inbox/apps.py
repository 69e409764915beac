from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "nabz.inbox"
    label = "inbox"
