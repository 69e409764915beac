"""The calendar's "In this period" line names the observances of the period shown."""

from __future__ import annotations

import re

from nabz.workspaces.roles import Role
from tests.conftest import signed_in


def _in_this_period(page: str) -> str:
    found = re.search(r'<p class="observances-now">(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


def test_december_does_not_say_movember(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    # December 2026 starts on a Tuesday: the month grid opens on Monday 30 November,
    # the last day of Movember, which is no observance of December.
    december = client.get(f"/w/{workspace.slug}/calendar/?date=2026-12-10").content.decode()
    assert 'data-date="2026-11-30"' in december
    assert "Movember" not in _in_this_period(december)
    november = client.get(f"/w/{workspace.slug}/calendar/?date=2026-11-10").content.decode()
    assert "Movember" in _in_this_period(november)


def test_a_week_lists_the_months_it_overlaps(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.AUTHOR])
    week = client.get(f"/w/{workspace.slug}/calendar/?view=week&date=2026-11-30").content.decode()
    assert "Movember" in _in_this_period(week)  # Monday 30 November is in that week
