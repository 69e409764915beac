"""Role-matrix rows for listening (collected by tests/workspaces/test_role_matrix.py)."""

from __future__ import annotations

from nabz.listening.models import Alert, ListeningQuery
from nabz.workspaces.roles import Action

FORM = {"name": "Flu", "query": "flu OR انفلونزا", "sensitivity": "medium", "cooldown_minutes": 60}

UI_ROWS = [
    ("get", "/w/{ws}/listening/", Action.VIEW_LISTENING, None),
    ("get", "/w/{ws}/listening/new/", Action.MANAGE_LISTENING, None),
    ("post", "/w/{ws}/listening/new/", Action.MANAGE_LISTENING, FORM),
    (
        "post",
        "/w/{ws}/listening/preview/",
        Action.VIEW_LISTENING,
        {"query": "flu", "sample": "flu"},
    ),
    ("get", "/w/{ws}/listening/{listening_query}/", Action.VIEW_LISTENING, None),
    ("get", "/w/{ws}/listening/{listening_query}/edit/", Action.MANAGE_LISTENING, None),
    ("post", "/w/{ws}/listening/{listening_query}/edit/", Action.MANAGE_LISTENING, FORM),
    ("post", "/w/{ws}/listening/{listening_query}/delete/", Action.MANAGE_LISTENING, {}),
    ("get", "/w/{ws}/listening/alerts/{listening_alert}/", Action.VIEW_LISTENING, None),
    ("post", "/w/{ws}/listening/alerts/{listening_alert}/draft/", Action.CREATE_POST, {}),
]


def placeholders(workspace, people):  # type: ignore[no-untyped-def]
    query = ListeningQuery.objects.create(workspace=workspace, name="Flu", query="flu")
    alert = Alert.objects.create(
        workspace=workspace,
        query=query,
        kind=Alert.Kind.MYTH,
        myth_id="en-antibiotics-viruses",
        details={
            "myth": "Antibiotics cure colds and flu.",
            "fact": "Colds and flu are caused by viruses; antibiotics do not work on them.",
            "source": "https://www.who.int/news-room/fact-sheets/detail/antibiotic-resistance",
            "language": "en",
        },
    )
    return {"listening_query": query.pk, "listening_alert": alert.pk}
