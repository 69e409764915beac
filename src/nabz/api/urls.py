"""The API's one assembly point: each module exports a router; they are mounted here."""

from django.urls import path

from nabz.api import audit, consent, media, posts, trust, workspaces
from nabz.api.base import api

api.add_router("", workspaces.router)
api.add_router("", audit.router)
api.add_router("", trust.router)
api.add_router("/workspaces/{slug}/posts", posts.router)
api.add_router("/workspaces/{slug}/consents", consent.router)
api.add_router("/workspaces/{slug}/media", media.router)

urlpatterns = [path("", api.urls)]
