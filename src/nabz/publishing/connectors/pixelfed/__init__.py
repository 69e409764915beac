"""Pixelfed: photo posts on the account's own server, through its Mastodon-compatible API."""
