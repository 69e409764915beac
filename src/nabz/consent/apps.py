from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "nabz.consent"
    label = "consent"
