from django.urls import path

from nabz.analytics import views

urlpatterns = [
    path("", views.reports, name="reports"),
    path("csv/<slug:key>.csv", views.reports_csv, name="reports_csv"),
    path("posts/<int:pk>/", views.post_figures, name="post_figures"),
    path("monthly/", views.generate_pdf, name="report_generate"),
    path("monthly/<int:pk>.pdf", views.download_pdf, name="report_pdf"),
    path("settings/", views.report_settings, name="report_settings"),
]
