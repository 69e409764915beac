"""Signals other apps listen to, so the library need not know who uses its items."""

from django.dispatch import Signal

# Sent inside the transaction of a change to an item's details (alt text, flag, notes):
# ``item`` and ``actor``. Content sends approved posts that use the item back to review.
media_changed = Signal()
