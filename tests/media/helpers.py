from __future__ import annotations

import io
from typing import Any

from nabz.media.models import MediaItem
from nabz.media.processing import clean_image
from nabz.media.services import MediaDetails, store
from tests.media.images import image_bytes


def make_item(
    workspace: Any, actor: Any = None, content: bytes | None = None, **details: Any
) -> MediaItem:
    clean = clean_image(io.BytesIO(content or image_bytes("PNG", (16, 16))))
    return store(workspace, clean, MediaDetails(**details), actor=actor)


def make_post(workspace: Any, author: Any, *items: MediaItem) -> Any:
    from nabz.content.models import Post

    post = Post.objects.create(workspace=workspace, author=author, title="Flu clinic", text="x")
    post.media.set(items)
    return post
