"""Staff free text on a sealed WBS case (route instructions, notes of acceptance, progress,
archive, referral, closing, results) is sealed like the report it is about: the case and its
timeline keep a placeholder, the text lives in a sealed message."""

import json

import pytest
from django.db import connection

from aduan.cases.models import Assignment, CaseEvent, Message
from aduan.whistleblowing import handling
from aduan.whistleblowing.models import SealedMessage

from .officer import sealed_case, sign_in, with_key

pytestmark = pytest.mark.django_db

CANARY = "Kanari-Instruksi-Audit-Rekening-7719"


def raw_text_of_case_tables() -> str:
    with connection.cursor() as cursor:
        rows = []
        for table in ("cases_caseevent", "cases_assignment", "cases_message", "cases_case"):
            cursor.execute(f"SELECT * FROM {table}")
            rows += cursor.fetchall()
    return json.dumps(rows, default=str)


def test_route_instructions_are_sealed(client, staff):
    officer = staff["wbs"]
    key = with_key(officer)  # the key pair exists before the report: it is wrapped for it
    case, _ = sealed_case()
    sign_in(client, officer)
    response = client.post(
        f"/staf/laporan/{case.tracking_number}/tindakan/route",
        {"agencies": ["INSPEKTORAT"], "instructions": f"Periksa {CANARY} segera."},
    )
    assert response.status_code == 302, response.content[:300]
    assignment = Assignment.objects.get(case=case)
    assert assignment.instructions == handling.SEALED_NOTE
    assert CANARY not in raw_text_of_case_tables()
    sealed = SealedMessage.objects.get(message__case=case)
    assert CANARY in handling.open_message(handling.content_key(officer, key, case), case, sealed)
    assert Message.objects.get(case=case).internal


def test_over_the_api_free_text_on_a_sealed_case_is_refused(client, staff):
    officer = staff["wbs"]
    with_key(officer)
    case, _ = sealed_case()
    client.force_login(officer)
    response = client.post(
        f"/api/v1/cases/{case.tracking_number}/actions/route",
        json.dumps({"agencies": ["INSPEKTORAT"], "instructions": CANARY}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert not Assignment.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(case=case, action="route").exists()
