from django.urls import path

from nabz.api.api import api

urlpatterns = [path("", api.urls)]
