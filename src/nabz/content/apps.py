from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "nabz.content"
    label = "content"
    verbose_name = "Content"

    def ready(self) -> None:
        from nabz.consent.signals import consent_revoked
        from nabz.content import receivers, workflow
        from nabz.media.signals import media_changed

        media_changed.connect(workflow.media_changed, dispatch_uid="content.media_changed")
        consent_revoked.connect(receivers.consent_revoked, dispatch_uid="content.consent_revoked")
