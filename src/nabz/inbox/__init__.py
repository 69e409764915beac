"""``nabz.inbox``: comments, mentions and messages from every network in one queue (D1-D3).

``models`` (contacts, conversations, messages, read cursors, reply attempts), ``ingest``
(storing what a connector read: deduplicated, threaded, edits and deletions followed),
``polling`` (the worker's per-account schedule), ``webhooks`` (Meta's signed pushes),
``triage`` (the Trust Gate's incoming rules plus the inbox's own category words),
``replies`` (the idempotent reply attempt) and ``views``.
"""
