from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "nabz.content"
    label = "content"
    verbose_name = "Content"
