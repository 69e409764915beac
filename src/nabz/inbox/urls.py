from django.urls import path

from nabz.inbox import views, views_one_click, views_team

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.conversation, name="inbox_conversation"),
    path("<int:pk>/check/", views.live_check, name="inbox_reply_check"),
    path("<int:pk>/reply/", views.reply, name="inbox_reply"),
    path("<int:pk>/state/", views.change_state, name="inbox_state"),
    path("<int:pk>/messages/<int:message>/hide/", views.hide, name="inbox_hide"),
    # The team's tools (views_team.py).
    path("<int:pk>/notes/", views_team.add_note, name="inbox_note"),
    path("<int:pk>/round-robin/", views_team.round_robin, name="inbox_round_robin"),
    path("bulk/", views_team.bulk, name="inbox_bulk"),
    path("duty/", views_team.set_duty, name="inbox_duty"),
    path("views/", views_team.save_view, name="inbox_save_view"),
    path("views/<int:view>/delete/", views_team.delete_view, name="inbox_delete_view"),
    path("saved-replies/", views_team.saved_replies, name="inbox_saved_replies"),
    # One-click actions (views_one_click.py).
    path("<int:pk>/ask-consent/", views_one_click.ask_consent, name="inbox_ask_consent"),
    path("<int:pk>/move-private/", views_one_click.move_private, name="inbox_move_private"),
]
