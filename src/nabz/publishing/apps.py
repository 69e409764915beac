from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "nabz.publishing"
    label = "publishing"

    def ready(self) -> None:
        from nabz.content import reach

        reach.register(_connected_networks)


def _connected_networks(workspace: object) -> set[str]:
    from nabz.publishing.models import Account

    return set(
        Account.objects.filter(workspace=workspace, status=Account.Status.ACTIVE).values_list(
            "network", flat=True
        )
    )
