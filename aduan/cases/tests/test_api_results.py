"""Result files through the staff API (multipart: JSON in `payload`, files in `attachments`)."""

import json

import pytest

from .builders import build

pytestmark = pytest.mark.django_db


def test_submit_result_through_the_api_with_a_file(client, staff, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aduan.intake.tests.files import png_with_text

    from .builders import assignment

    settings.ADUAN_UPLOAD_DIR = tmp_path
    case = build("in_progress", staff)
    client.force_login(staff["officer_dpupr"])
    photo = SimpleUploadedFile("hasil.png", png_with_text(), content_type="image/png")
    response = client.post(
        f"/api/v1/cases/{case.tracking_number}/actions/submit_result",
        {"payload": json.dumps({"summary": "Sudah diperbaiki."}), "attachments": [photo]},
    )
    assert response.status_code == 200, response.content
    assert assignment(case, "DPUPR").attachments.count() == 1
