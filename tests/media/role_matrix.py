"""Media library rows for the role matrix (tests/workspaces/test_role_matrix.py).

The API's multipart upload (POST /api/workspaces/{ws}/media) shares its path with the
list row below; its per-role behaviour is tested in tests/media/test_api.py, because
the matrix posts JSON bodies only.
"""

from __future__ import annotations

from nabz.workspaces.roles import Action, Role
from tests.media.images import ReusableUpload, image_bytes

_PNG = ReusableUpload(image_bytes("PNG", (16, 16)), "matrix.png")
_DETAILS = {"title": "Flu clinic", "alt_en": "A nurse's gloved hands holding a flu vaccine."}

UI_ROWS = [
    ("get", "/w/{ws}/media/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/media/picker/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/media/{media}/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/media/{media}/file/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/media/{media}/thumbnail/", Action.VIEW_WORKSPACE, None),
    ("get", "/w/{ws}/media/upload/", Action.MANAGE_MEDIA, None),
    ("post", "/w/{ws}/media/upload/", Action.MANAGE_MEDIA, {"file": _PNG, **_DETAILS}),
    ("get", "/w/{ws}/media/{media}/edit/", Action.MANAGE_MEDIA, None),
    ("post", "/w/{ws}/media/{media}/edit/", Action.MANAGE_MEDIA, _DETAILS),
    ("post", "/w/{ws}/media/{media}/delete/", Action.MANAGE_MEDIA, {}),
]

API_ROWS = [
    ("get", "/api/workspaces/{ws}/media", Action.VIEW_WORKSPACE, None),
    ("get", "/api/workspaces/{ws}/media/{media}", Action.VIEW_WORKSPACE, None),
    (
        "patch",
        "/api/workspaces/{ws}/media/{media}",
        Action.MANAGE_MEDIA,
        {"alt_text": {"fa": "دست‌های یک پرستار با واکسن آنفلوانزا."}, "identifiable_person": False},
    ),
    ("delete", "/api/workspaces/{ws}/media/{media}", Action.MANAGE_MEDIA, None),
]


def placeholders(workspace, people) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """{media}: a fresh, unused image in the workspace."""
    import io

    from nabz.media.processing import clean_image
    from nabz.media.services import MediaDetails, store

    clean = clean_image(io.BytesIO(image_bytes("PNG", (16, 16))))
    item = store(workspace, clean, MediaDetails(title="Matrix"), actor=people[Role.ADMIN])
    return {"media": item.pk}
