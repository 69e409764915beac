from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "nabz.media"
    label = "media"
