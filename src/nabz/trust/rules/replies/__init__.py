"""Reply safety (RPL6xx): public replies and triage of incoming messages."""

from nabz.trust.rules.replies import safety, triage

__all__ = ["safety", "triage"]
