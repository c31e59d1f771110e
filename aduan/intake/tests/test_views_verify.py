"""Proof of report checked on /verifikasi, and the English version of the public site."""

import pytest
from django.core.cache import cache
from django.utils import translation

from aduan.agencies.models import Stage
from aduan.cases.models import CaseKind
from aduan.cases.services import NewReport
from aduan.cases.workflow import CaseStatus
from aduan.intake import selectors, services
from aduan.intake.templatetags.intake_tags import DEADLINE_PHRASES, translate_runtime

from .test_views import form_data, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def submitted():
    report = NewReport(
        kind="aspiration",
        title="Tambah halte di Jl. Ahmad Yani",
        description="Mohon ditambah halte bus di Jl. Ahmad Yani Km 6 untuk pelajar.",
        privacy="anonymous",
    )
    return services.submit_report(report)


def test_verify_form_page(client, reference):
    response = client.get("/verifikasi")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    assert 'for="id_code"' in response.content.decode()


def test_a_real_proof_is_valid(client, reference):
    submission = submitted()
    response = client.post("/verifikasi", {"code": submission.proof.code})
    assert response.status_code == 200
    page = text_of(response)
    assert "Bukti sah" in page
    assert submission.case.tracking_number in page
    assert "WITA" in page
    assert submission.proof.fingerprint[:4] in page


def test_a_proof_with_spaces_and_line_breaks_is_still_valid(client, reference):
    code = submitted().proof.code
    broken = code[:30] + "\n" + code[30:70] + " " + code[70:]
    assert "Bukti sah" in text_of(client.post("/verifikasi", {"code": broken}))


def test_a_tampered_proof_is_refused(client, reference):
    code = submitted().proof.code
    number, stamp, fingerprint, signature = code.split(".")
    flipped = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]
    for forged in (
        f"{number}.{stamp}.{flipped}.{signature}",
        f"{number}.{int(stamp) + 60}.{fingerprint}.{signature}",
        "bukan kode",
    ):
        page = text_of(client.post("/verifikasi", {"code": forged}))
        assert "Bukti tidak sah" in page
        assert "Bukti sah<" not in page


def test_empty_code_is_400(client, reference):
    response = client.post("/verifikasi", {"code": ""})
    assert response.status_code == 400
    assert 'id="id_code_error"' in response.content.decode()


# English.


def test_language_switch_renders_english(client, reference):
    response = client.post("/bahasa", {"language": "en", "next": "/lapor"})
    assert response.status_code == 302
    assert response["Location"] == "/lapor"
    page = text_of(client.get("/lapor"))
    assert '<html lang="en">' in page
    assert "Make a report" in page
    assert "Report title" in page
    assert "Anonymous" in page
    assert 'value="id"' in page  # the switch back
    home = text_of(client.get("/"))
    assert "working days" in home
    assert "hari kerja" not in home
    client.post("/bahasa", {"language": "id", "next": "/"})
    assert '<html lang="id">' in text_of(client.get("/"))


def test_english_browser_still_gets_indonesian_until_switched(client, reference):
    """Bahasa Indonesia first: a phone set to English does not switch the site by itself."""
    page = text_of(client.get("/", headers={"accept-language": "en"}))
    assert '<html lang="id">' in page
    assert "What can be reported" not in page


def test_english_errors_and_receipt(client, reference):
    client.post("/bahasa", {"language": "en", "next": "/"})
    refused = client.post("/lapor", form_data(client, title="", name="Siti"))
    page = text_of(refused)
    assert "Required." in page
    assert "An anonymous report must not carry" in page
    done = client.post("/lapor", form_data(client))
    assert done.status_code == 201
    assert "Save this now" in text_of(done)


def test_runtime_words_have_english_translations():
    words = [label for _value, label in CaseStatus.choices]
    words += [label for _value, label in CaseKind.choices]
    words += list(selectors.EXPLANATIONS.values())
    words += [w for w in selectors.STAGE_WORDS.values()]
    words += [w.strip(" ()") for w in selectors.SCOPE_WORDS.values() if w]
    words += DEADLINE_PHRASES
    with translation.override("en"):
        missing = [w for w in words if translate_runtime(w) == w]
    assert missing == []
    assert Stage.VERIFICATION in selectors.STAGE_WORDS


def test_upload_messages_are_translated_with_their_numbers():
    with translation.override("en"):
        text = translate_runtime("Berkas ke-2: Berkas terlalu besar (maksimal 10 MB per berkas).")
    assert text == "File 2: File too large (at most 10 MB per file)."


def test_csrf_failure_page_explains_in_plain_words(reference, settings):
    from django.test import Client

    settings.CSRF_FAILURE_VIEW = "aduan.intake.views.csrf_failure"
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/lacak", {"tracking_number": "ADU-2026-ZZZZZZ", "receipt": "x"})
    assert response.status_code == 403
    assert "Formulir tidak dapat diterima" in text_of(response)
