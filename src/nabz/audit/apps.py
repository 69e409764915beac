from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "nabz.audit"
    label = "audit"
