"""Sandbox search for listening: the Sandbox's public timeline
(``publishing.SandboxPublicPost``), read forward from the last id seen, a page at a time.
Like a real network's search box it finds a word or hashtag anywhere in the normalised,
case-folded text; listening's own matcher then decides what the query really wants.
"""

from __future__ import annotations

from nabz.publishing.connectors.base import Connector, IncomingAuthor
from nabz.publishing.connectors.search import FoundPost, SearchTerm
from nabz.trust.keys import fold
from nabz.trust.text import normalize

PAGE = 200


def search(connector: Connector, term: SearchTerm, cursor: str) -> tuple[list[FoundPost], str]:
    from nabz.publishing.models import SandboxPublicPost

    after = int(cursor) if cursor.isdigit() else 0
    rows = list(
        SandboxPublicPost.objects.filter(pk__gt=after, deleted_at__isnull=True).order_by("pk")[
            :PAGE
        ]
    )
    wanted = fold(normalize(term.as_query().strip('"')).text)
    found = [
        FoundPost(
            id=str(row.pk),
            text=row.text,
            author=IncomingAuthor(
                id=row.author_id, handle=row.author_handle, display_name=row.author_name
            ),
            created_at=row.created_at,
            url=f"sandbox://public/{row.pk}",
            language=row.language,
        )
        for row in rows
        if wanted in fold(normalize(row.text).text)
    ]
    return found, (str(rows[-1].pk) if rows else cursor)
