"""``nabz.audit``: the tamper-evident audit log (F3).

    from nabz.audit import record
    record("post.approved", actor=request.user, workspace=workspace, obj=post,
           payload={"from": "pending", "to": "approved"})

Importing this package loads no models, so other apps may import it anywhere;
the names below are looked up when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nabz.audit.chain import VerificationResult
    from nabz.audit.models import AuditEntry

__all__ = ["filter_entries", "iter_csv", "iter_jsonl", "record", "verify", "verify_export"]

_LAZY = {
    "filter_entries": "nabz.audit.queries",
    "iter_csv": "nabz.audit.exports",
    "iter_jsonl": "nabz.audit.exports",
    "verify_export": "nabz.audit.chain",
}


def record(
    action: str,
    *,
    actor: Any = None,
    workspace: Any = None,
    obj: Any = None,
    payload: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log in the caller's transaction.

    Never put passwords, tokens, secrets or patient information in ``payload``.
    See :func:`nabz.audit.recording.record` for the details.
    """
    from nabz.audit.recording import record as _record

    return _record(action, actor=actor, workspace=workspace, obj=obj, payload=payload)


def verify(using: str | None = None) -> VerificationResult:
    """Check the whole chain; see :mod:`nabz.audit.chain`."""
    from nabz.audit.chain import verify as _verify

    return _verify(using)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'nabz.audit' has no attribute {name!r}")
