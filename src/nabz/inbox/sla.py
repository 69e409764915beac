"""Response-time targets of a workspace: due times and where each conversation stands.

``Targets.for_workspace(ws)`` reads the workspace's ``ResponseTargets`` (defaults when it
has none: open around the clock, the standard minutes per priority). ``due`` gives the
first-response and resolution instants for a priority from a start; ``status`` says
whether a conversation is on time, close to its breach (``warning``) or past it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from nabz.inbox.business_hours import BusinessCalendar
from nabz.inbox.models import ResponseTargets, default_targets

ON_TIME, WARNING, BREACHED = "on_time", "warning", "breached"


@dataclass(frozen=True)
class Targets:
    calendar: BusinessCalendar
    minutes: dict[str, dict[str, int]]
    around_the_clock: frozenset[int]
    warn: dt.timedelta

    @classmethod
    def for_workspace(cls, workspace: Any) -> Targets:
        stored = ResponseTargets.objects.filter(workspace_id=workspace.pk).first()
        zone = getattr(workspace, "timezone", "UTC") or "UTC"
        if stored is None:
            return cls(BusinessCalendar.always(zone), default_targets(), frozenset({1}), _MIN30)
        return cls(
            BusinessCalendar(zone, stored.hours, holidays=stored.holidays or ()),
            {**default_targets(), **(stored.targets or {})},
            frozenset(int(p) for p in stored.around_the_clock or ()),
            dt.timedelta(minutes=stored.warn_minutes),
        )

    def _calendar(self, priority: int) -> BusinessCalendar:
        if priority in self.around_the_clock:
            return BusinessCalendar.always(self.calendar.timezone)
        return self.calendar

    def due(self, priority: int, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """When the first answer and the resolution are due for ``priority``."""
        minutes = self.minutes.get(str(priority)) or default_targets()[str(priority)]
        calendar = self._calendar(priority)
        first = calendar.add(start, dt.timedelta(minutes=int(minutes["first_response"])))
        resolution = calendar.add(start, dt.timedelta(minutes=int(minutes["resolution"])))
        return first, resolution

    def status(self, priority: int, due: dt.datetime | None, now: dt.datetime) -> str:
        """``on_time``, ``warning`` (less than the warning time of business time left) or
        ``breached``; on time when there is nothing due."""
        if due is None:
            return ON_TIME
        if now >= due:
            return BREACHED
        left = self._calendar(priority).between(now, due)
        return WARNING if left <= self.warn else ON_TIME


_MIN30 = dt.timedelta(minutes=30)
