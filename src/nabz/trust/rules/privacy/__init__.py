"""Privacy rules (PHI1xx): the HIPAA Safe Harbor identifiers and their regional cousins.

The detector layer (:mod:`nabz.trust.identifiers`) finds every identifier with
checksums where they exist; these rules decide from context which of them are a
privacy problem. The organisation's own public phone numbers, e-mail addresses,
domains, addresses and staff names (``settings.allow``) never fire. A name in a
staff spotlight is a colleague, not a patient. Identifiers that only ever point at
one person (national IDs, medical record numbers, card numbers, biometrics) always
block; contact details and places block in a patient's context and warn elsewhere.


One module per group of rules; the registry finds them (nabz.trust.rules walks the
package), so adding a rule module needs no list kept by hand.
"""
