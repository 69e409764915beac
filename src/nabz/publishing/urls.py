from django.urls import path

from nabz.publishing import connect, views

urlpatterns = [
    path("settings/accounts/", views.accounts, name="accounts"),
    path("settings/accounts/sandbox/", views.add_sandbox, name="account_add_sandbox"),
    path("settings/accounts/<int:pk>/disconnect/", views.disconnect, name="account_disconnect"),
    path("settings/accounts/connect/<str:network>/", connect.start, name="account_connect"),
    path("settings/accounts/callback/<str:network>/", connect.callback, name="account_callback"),
    path("sandbox/", views.sandbox_feed, name="sandbox_feed"),
    path("crisis/", views.crisis, name="crisis"),
    path("posts/<int:pk>/takedown/", views.takedown, name="post_takedown"),
    path("posts/<int:pk>/retry/", views.retry, name="post_retry"),
    path("posts/<int:pk>/drop-network/", views.drop_network, name="post_drop_network"),
]
