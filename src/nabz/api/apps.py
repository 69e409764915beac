from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nabz.api"
    label = "api"
