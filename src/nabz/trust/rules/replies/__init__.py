"""Reply safety (RPL6xx): public replies and triage of incoming messages."""

from nabz.trust.rules.replies import advice, escalation, privacy, triage

__all__ = ["advice", "escalation", "privacy", "triage"]
