from django.urls import path

from nabz.listening import views

urlpatterns = [
    path("", views.overview, name="listening"),
    path("new/", views.edit_query, name="listening_new"),
    path("preview/", views.preview, name="listening_preview"),
    path("<int:pk>/", views.stream, name="listening_stream"),
    path("<int:pk>/edit/", views.edit_query, name="listening_edit"),
    path("<int:pk>/delete/", views.delete_query, name="listening_delete"),
    path("alerts/<int:pk>/", views.alert, name="listening_alert"),
    path("alerts/<int:pk>/draft/", views.draft, name="listening_draft"),
]
