"""Signals other apps listen to, so the registry need not know who relies on its consents."""

from django.dispatch import Signal

# Sent inside the transaction of a revocation: ``consent`` (revoked), ``officers`` (the
# workspace's compliance officers, to be told) and ``takedowns`` (how many published posts
# must come down). Content leaves each officer an in-app notice.
consent_revoked = Signal()
