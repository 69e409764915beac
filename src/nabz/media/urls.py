from django.urls import path

from nabz.media import views

urlpatterns = [
    path("", views.media_library, name="media_library"),
    path("upload/", views.media_upload, name="media_upload"),
    path("picker/", views.media_picker, name="media_picker"),
    path("<int:pk>/", views.media_detail, name="media_detail"),
    path("<int:pk>/file/", views.media_file, name="media_file"),
    path("<int:pk>/thumbnail/", views.media_thumbnail, name="media_thumbnail"),
    path("<int:pk>/edit/", views.media_edit, name="media_edit"),
    path("<int:pk>/delete/", views.media_delete, name="media_delete"),
]
