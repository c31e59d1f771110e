"""The back office under /staf/ (sign-in, sign-out and 2FA live in aduan.accounts.urls)."""

from django.urls import path

from .views import actions, audit, cases, custodian, home, intake, lists

app_name = "staff"

urlpatterns = [
    path("", home.home, name="home"),
    path("antrean", lists.queue, name="queue"),
    path("laporan", lists.case_list, name="case_list"),
    path("laporan.csv", lists.case_csv, name="case_csv"),
    path("laporan/baru", intake.manual_intake, name="intake"),
    path("kotak-masuk", lists.inbox, name="inbox"),
    path("kustodian", custodian.custodian, name="custodian"),
    path("audit", audit.audit_log, name="audit"),
    path("audit.csv", audit.audit_csv, name="audit_csv"),
    path("audit.jsonl", audit.audit_jsonl, name="audit_jsonl"),
    path("laporan/<str:tracking_number>", cases.case_page, name="case"),
    path(
        "laporan/<str:tracking_number>/lampiran/<int:attachment_id>",
        cases.attachment,
        name="attachment",
    ),
    path(
        "laporan/<str:tracking_number>/tindakan/<str:action>",
        actions.case_action,
        name="action",
    ),
]
