"""Pixelfed's numbers: it speaks Mastodon's API, so the same counts under the same names
(``favourites_count``, ``replies_count``, ``reblogs_count``, ``followers_count``)."""

from __future__ import annotations

from nabz.publishing.connectors.mastodon.metrics import NAMES, read_account, read_post

__all__ = ["NAMES", "read_account", "read_post"]
