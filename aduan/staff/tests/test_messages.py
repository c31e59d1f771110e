"""Messages between staff and the reporter go through the case; internal notes stay inside."""

import pytest

from aduan.cases.models import CaseEvent, Message
from aduan.cases.tests.builders import build
from aduan.core.errors import InvalidTransition, NotPermitted
from aduan.intake.selectors import reporter_view
from aduan.staff.services import post_staff_message

pytestmark = pytest.mark.django_db


def send(client, case, audience, body):
    url = f"/staf/laporan/{case.tracking_number}/tindakan/message"
    return client.post(url, {"audience": audience, "body": body})


def test_staff_message_reaches_the_reporter_and_the_internal_note_does_not(client, staff):
    case = build("routed", staff)
    client.force_login(staff["coordinator"])
    response = send(client, case, "reporter", "Laporan Anda sedang kami teruskan.")
    assert response.status_code == 302
    assert (
        "Pesan sudah dikirim kepada pelapor." in client.get(response["Location"]).content.decode()
    )
    client.force_login(staff["officer_dpupr"])
    assert send(client, case, "internal", "Catatan rahasia: cek anggaran.").status_code == 302

    view = reporter_view(case)
    bodies = [m.body for m in view.messages]
    assert "Laporan Anda sedang kami teruskan." in bodies
    assert "Catatan rahasia: cek anggaran." not in bodies
    assert all(m.sender == "staff" for m in view.messages)
    assert all("cek anggaran" not in entry.note for entry in view.timeline)

    note = Message.objects.get(body__startswith="Catatan rahasia")
    assert note.internal and note.author == staff["officer_dpupr"]
    events = CaseEvent.objects.filter(case=case, action="staff_message").order_by("pk")
    assert [e.visible_to_reporter for e in events] == [True, False]

    # Staff see who wrote what, and the internal note is marked.
    client.force_login(staff["coordinator"])
    text = client.get(f"/staf/laporan/{case.tracking_number}").content.decode()
    assert "opd.dpupr" in text and "koordinator" in text
    assert "Catatan internal" in text


def test_empty_message_is_400_next_to_the_field(client, staff):
    case = build("received", staff)
    client.force_login(staff["coordinator"])
    response = send(client, case, "reporter", "   ")
    assert response.status_code == 400
    assert 'id="message_body_error"' in response.content.decode()
    assert not Message.objects.filter(case=case, author__isnull=False).exists()


def test_agency_head_writes_internal_notes_only(client, staff):
    case = build("routed", staff)
    client.force_login(staff["head_dpupr"])
    text = client.get(f"/staf/laporan/{case.tracking_number}").content.decode()
    assert 'value="internal"' in text and 'value="reporter"' not in text
    assert send(client, case, "reporter", "Halo pelapor.").status_code == 400
    assert send(client, case, "internal", "Mohon dipercepat.").status_code == 302
    with pytest.raises(NotPermitted):
        post_staff_message(staff["head_dpupr"], case, body="Halo.", internal=False)


def test_readers_without_a_message_role_get_no_form(client, staff):
    case = build("routed", staff)
    client.force_login(staff["supervisor"])
    text = client.get(f"/staf/laporan/{case.tracking_number}").content.decode()
    assert 'id="tindakan-message"' not in text
    assert send(client, case, "internal", "Catatan.").status_code == 403


def test_no_message_to_the_reporter_on_a_finished_case(client, staff):
    case = build("archived", staff)
    with pytest.raises(InvalidTransition):
        post_staff_message(staff["coordinator"], case, body="Halo.", internal=False)
    client.force_login(staff["coordinator"])
    assert send(client, case, "reporter", "Halo.").status_code == 409
    assert send(client, case, "internal", "Arsip diperiksa.").status_code == 302
