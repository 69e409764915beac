"""Nabz: the trust-first social media desk for hospitals and clinics."""

__version__ = "0.1.0"
