from django.db import models


class WorkerHeartbeat(models.Model):
    """The task worker writes here every few seconds; /healthz reads it."""

    name = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()
    pid = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} (pid {self.pid}) at {self.seen_at:%Y-%m-%d %H:%M:%S}"
