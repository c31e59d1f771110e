"""Back-office pages of aduan.compliance, under /staf/."""

from django.urls import path

from .views import records, sanctions

app_name = "compliance"

urlpatterns = [
    path("ketidakpatuhan", records.record_list, name="records"),
    path("ketidakpatuhan.csv", records.record_csv, name="records_csv"),
    path("sanksi", sanctions.sanction_list, name="sanctions"),
    path("sanksi.csv", sanctions.sanction_csv, name="sanctions_csv"),
    path("sanksi.xlsx", sanctions.sanction_xlsx, name="sanctions_xlsx"),
    path("sanksi/baru", sanctions.sanction_new, name="sanction_new"),
    path("sanksi/<int:pk>", sanctions.sanction_detail, name="sanction"),
    path("sanksi/<int:pk>/dokumen", sanctions.sanction_document, name="sanction_document"),
]
