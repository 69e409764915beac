"""Rule families, one package each (privacy, consent, claims, tone, platform, replies).

Nothing is listed here: the registry (``nabz.trust.registry.load_rules``) imports every
module below this package, and each module's ``@rule`` declarations register themselves,
so a new rule module or family package is found without a list kept by hand.
"""
