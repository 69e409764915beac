from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "nabz.publishing"
    label = "publishing"
