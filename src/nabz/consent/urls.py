"""Consent registry pages, included by the project at ``w/<slug:ws>/consent/``."""

from django.urls import path

from nabz.consent import views

urlpatterns = [
    path("", views.consent_list, name="consent"),
    path("new/", views.consent_create, name="consent_create"),
    path("takedowns/", views.takedown_list, name="consent_takedowns"),
    path("<int:pk>/", views.consent_detail, name="consent_detail"),
    path("<int:pk>/edit/", views.consent_edit, name="consent_edit"),
    path("<int:pk>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("<int:pk>/signed-form/", views.signed_form, name="consent_signed_form"),
]
