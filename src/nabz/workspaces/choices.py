"""Choice lists every app shares: the networks and the content pillars.

A workspace plans with them (which networks it posts on, its target mix of pillars), and
every app above may name a network or a pillar without importing the app that stores
posts (``content.models`` offers both too). Not in ``core``: the ground floor imports not
even the engine, whose table the networks come from.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nabz.trust.platforms import NETWORK_SPECS

# The networks, from their declarations (publishing/connectors/<network>/network.toml, read
# by the engine's table). A new network needs a migration for these choices, nothing else.
Network = models.TextChoices(  # type: ignore[misc]
    "Network",
    [(spec.name.upper(), (spec.name, _(spec.label))) for spec in NETWORK_SPECS.values()],
)


class Pillar(models.TextChoices):
    EDUCATION = "education", _("Education / myth-busting")
    PATIENT_STORY = "patient_story", _("Patient story")
    INFOGRAPHIC = "infographic", _("Infographic")
    AWARENESS_DAY = "awareness_day", _("Awareness day")
    BEHIND_THE_SCENES = "behind_the_scenes", _("Behind the scenes")
    STAFF_SPOTLIGHT = "staff_spotlight", _("Staff spotlight")
    COMMUNITY = "community", _("Community / UGC shout-out")
    CRISIS_UPDATE = "crisis_update", _("Crisis update")
    RESEARCH = "research", _("Research / recruiting")
