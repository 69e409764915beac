"""Platform fit (PLT5xx): length, hashtags, alt text, Instagram links, each network's purpose.

These rules only run when a network is chosen; limits come from ``nabz.trust.platforms``.
"""
