"""``nabz backup`` and ``nabz restore``: the database, media and signed forms in one
encrypted, checksummed archive (see :mod:`nabz.backup.archive` for the format)."""
