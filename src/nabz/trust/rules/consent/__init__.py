"""Consent rules (CON2xx): patient stories and photos of people need a consent that fits.

A post *needs* consent when its text tells a patient's story (first-person recovery
narratives, "meet X, who...", "قصة المريض", "داستان بیمار", thank-you-for-trusting-us
shout-outs, or the content pillar ``patient_story``), or when an attached image or
video shows an identifiable person. The consents linked to the post
(``context.consents``) must then cover this network, each kind of content the post
uses (story, quote, photo, video) and each identifiable media item, and must be
neither expired nor revoked.

A consent that leaves a scope empty (no networks, no content kinds, no media ids) is
read as not restricted on that scope: the consent record, not the engine, says so.


One module per group of rules; the registry finds them (nabz.trust.rules walks the
package), so adding a rule module needs no list kept by hand.
"""
