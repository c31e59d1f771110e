"""Back-office pages of aduan.dashboards, under /staf/."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("rapor", views.ranking_page, name="ranking"),
    path("rapor/<str:code>", views.agency_page, name="agency"),
    path("laporan-bulanan", views.reports_page, name="reports"),
    path("laporan-bulanan/<int:pk>/pdf", views.report_download, {"kind": "pdf"}, name="report_pdf"),
    path(
        "laporan-bulanan/<int:pk>/xlsx",
        views.report_download,
        {"kind": "xlsx"},
        name="report_xlsx",
    ),
]
