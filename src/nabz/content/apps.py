from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "nabz.content"
    label = "content"
    verbose_name = "Content"

    def ready(self) -> None:
        from nabz.content import workflow
        from nabz.media.signals import media_changed

        media_changed.connect(workflow.media_changed, dispatch_uid="content.media_changed")
