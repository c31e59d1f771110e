"""Manual and assisted intake: fill in → read back → confirm → tracking number and receipt."""

import re

import pytest

from aduan.cases.models import Case, ReporterIdentity
from aduan.core.models import AuditRecord
from aduan.crypto import verify_secret

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
RECEIPT = re.compile(r'<code class="code">([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)</code>')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def form_data(client, **overrides) -> dict:
    token = TOKEN.search(client.get("/staf/laporan/baru").content.decode()).group(1)
    data = {
        "form_token": token,
        "step": "review",
        "channel": "walk_in",
        "kind": "complaint",
        "title": "Pelayanan puskesmas lambat",
        "description": "Antrean di puskesmas sangat lama, pelapor menunggu lima jam.",
        "category": "kesehatan",
        "privacy": "confidential",
        "name": "Ahmad Fauzi",
        "nik": "6371012233445566",
        "assistance": "Pelapor tunanetra; laporan dituliskan petugas.",
    }
    data.update(overrides)
    return data


def test_walk_in_report_is_read_back_then_saved_with_a_receipt(client, staff):
    client.force_login(staff["coordinator"])
    response = client.post("/staf/laporan/baru", form_data(client))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Bacakan kembali isi laporan kepada pelapor" in text
    assert "Pelayanan puskesmas lambat" in text and "Datang langsung" in text
    assert Case.objects.count() == 0  # nothing saved before the read-back is confirmed

    carried = dict(HIDDEN.findall(text))
    assert carried["channel"] == "walk_in" and carried["nik"] == "6371012233445566"
    response = client.post("/staf/laporan/baru", {**carried, "step": "confirm"})
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    case = Case.objects.get()
    assert case.channel == "walk_in"
    assert case.created_by == staff["coordinator"]
    assert case.assistance.startswith("Pelapor tunanetra")
    assert ReporterIdentity.objects.filter(case=case).exists()
    text = response.content.decode()
    assert case.tracking_number in text
    receipt = RECEIPT.search(text).group(1)
    assert verify_secret(case.receipt_hash, receipt)
    assert "Bukti laporan" in text and "cetak" in text.lower()
    assert AuditRecord.objects.filter(action="manual_intake", target=case.tracking_number).exists()

    # The same confirmation again (refresh, double click) does not make a second case.
    again = client.post("/staf/laporan/baru", {**carried, "step": "confirm"})
    assert again.status_code == 409
    assert Case.objects.count() == 1


def test_edit_goes_back_to_the_filled_form(client, staff):
    client.force_login(staff["coordinator"])
    text = client.post("/staf/laporan/baru", form_data(client)).content.decode()
    carried = dict(HIDDEN.findall(text))
    response = client.post("/staf/laporan/baru", {**carried, "step": "edit"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Pelayanan puskesmas lambat"' in text
    assert 'name="step" value="review"' in text
    assert Case.objects.count() == 0


def test_errors_are_shown_next_to_the_fields(client, staff):
    client.force_login(staff["coordinator"])
    response = client.post(
        "/staf/laporan/baru", form_data(client, title="", channel="pigeon", nik="123")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="id_title_error"' in text
    assert 'id="id_channel_error"' in text
    assert "NIK harus 16 angka." in text
    assert Case.objects.count() == 0


def test_anonymous_phone_report(client, staff):
    client.force_login(staff["coordinator"])
    data = form_data(client, channel="phone", privacy="anonymous", name="", nik="")
    text = client.post("/staf/laporan/baru", data).content.decode()
    carried = dict(HIDDEN.findall(text))
    response = client.post("/staf/laporan/baru", {**carried, "step": "confirm"})
    assert response.status_code == 201
    case = Case.objects.get()
    assert case.channel == "phone" and case.privacy == "anonymous"
    assert not ReporterIdentity.objects.filter(case=case).exists()
    assert "Sampaikan melalui kanal yang sama" in response.content.decode()
