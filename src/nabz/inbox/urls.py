from django.urls import path

from nabz.inbox import views

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.conversation, name="inbox_conversation"),
    path("<int:pk>/check/", views.live_check, name="inbox_reply_check"),
    path("<int:pk>/reply/", views.reply, name="inbox_reply"),
    path("<int:pk>/state/", views.change_state, name="inbox_state"),
    path("<int:pk>/messages/<int:message>/hide/", views.hide, name="inbox_hide"),
]
