"""How much text a post may keep, in each network's own unit.

A network variant exists to fit one network, so it is measured the way that network
counts (X's weighted characters, Bluesky's graphemes, Mastodon's characters with links
as 23). A draft may run over while the author trims it — the Trust Gate says by how
much — but only up to a bound: four times the network's limit (at least 2,000 units,
never more than the master text's cap). Past that the text is refused with its
length and the bound, and nothing the author wrote is lost (the form keeps it).

The bound also keeps every check and every API page cheap: a post can no longer
carry seven 70,000-character variants that the gate reads on each save.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nabz.content.adapt import THREAD_NETWORKS, thread_parts
from nabz.core.calendars import local_digits
from nabz.trust import Settings
from nabz.trust.platforms import NETWORK_SPECS, measure, network_name

MAX_TEXT = 70_000  # characters of the master text (Facebook takes 63,206)
DRAFT_FACTOR = 4
DRAFT_FLOOR = 2_000
UNITS = {
    "weighted characters": gettext_lazy("weighted characters"),
    "graphemes": gettext_lazy("graphemes"),
    "characters": gettext_lazy("characters"),
}


def network_limit(network: str, settings: Settings | None = None) -> int:
    """The network's limit in its unit (a workspace may raise Mastodon's)."""
    spec = NETWORK_SPECS[network]
    if spec.counter == "mastodon" and settings is not None and settings.mastodon_limit > 0:
        return settings.mastodon_limit
    return spec.limit


def variant_cap(network: str, settings: Settings | None = None) -> int:
    """The most a variant for ``network`` may hold, in the network's unit."""
    return _cap(network_limit(network, settings))


def _cap(limit: int) -> int:
    return min(MAX_TEXT, max(DRAFT_FLOOR, DRAFT_FACTOR * limit))


def variant_error(network: str, text: str, settings: Settings | None = None) -> str | None:
    """Why this variant text cannot be kept, or None when it can.

    A thread (X, Bluesky: parts split by a line of ``---``) goes out part by part, so each
    part is held to the bound; the whole stays under the master text's cap."""
    if network in THREAD_NETWORKS and len(text) <= MAX_TEXT:
        parts = thread_parts(text)
        if len(parts) > 1:
            return next((e for e in (_one_error(network, p, settings) for p in parts) if e), None)
    return _one_error(network, text, settings)


def _one_error(network: str, text: str, settings: Settings | None) -> str | None:
    limit = network_limit(network, settings)
    # Over the master text's cap is over the cap in any unit: no need to measure.
    too_big = len(text) > MAX_TEXT
    used = len(text) if too_big else measure(text, network, mastodon_limit=limit).used
    cap = _cap(limit)
    if used <= cap:
        return None
    language = (translation.get_language() or "en")[:2]
    unit = NETWORK_SPECS[network].unit

    def number(value: int) -> str:
        return local_digits(f"{value:,}", language)

    return _(
        "Too long to keep as the %(network)s text: %(used)s %(unit)s, at most %(cap)s "
        "(%(network)s publishes %(limit)s). Shorten it, or leave it empty to use the "
        "main text."
    ) % {
        "network": network_name(network, language),
        "used": number(used),
        "unit": UNITS.get(unit, unit),
        "cap": number(cap),
        "limit": number(limit),
    }
