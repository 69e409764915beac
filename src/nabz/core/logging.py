"""A logging filter that keeps secrets and flagged post text out of the logs."""

from __future__ import annotations

import logging

import regex

# Bearer tokens, API tokens (nabz_...), passwords and secrets in key=value form.
_SECRET = regex.compile(
    r"(?i)(bearer\s+|authorization[:=]\s*(?:bearer\s+|token\s+|basic\s+)?|\b(?:password|passwd|secret|token|api_key|access_token"
    r"|refresh_token|app_password)\b\s*[:=]\s*['\"]?)([^\s'\",;&]+)"
)
_NABZ_TOKEN = regex.compile(r"\bnabz_[A-Za-z0-9_\-]{20,}")


def redact(text: str) -> str:
    text = _SECRET.sub(lambda m: m.group(1) + "[redacted]", text)
    return _NABZ_TOKEN.sub("nabz_[redacted]", text)


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave the record as it is
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
