"""Issue 6 item 8, "the same URL shape for every step so browser history reveals little":
following a case on the public site is one address, `/lacak`, whatever the step.

A browser-like walk through every step a reporter can take (open, message with a file,
attachment downloads, protection, retaliation, rating, status only, and refusals), driven by the
forms the pages themselves render, with CSRF enforced as a browser meets it. Every request goes
to exactly `/lacak`; no response redirects, and no URL on any page or in any header names the
case or an attachment."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client

from aduan.cases import services as case_services
from aduan.cases.models import Case, Message
from aduan.protection.models import ProtectionRequest

from . import files
from .test_views import Elements as PageElements
from .test_views import upload
from .test_views_track import answered, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


class Elements(PageElements):
    @classmethod
    def of(cls, response) -> "Elements":
        parser = cls()
        parser.feed(response.content.decode())
        return parser


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    hidden: dict = field(default_factory=dict)
    names: set = field(default_factory=set)


class Forms(HTMLParser):
    """The page's forms as a browser submits them: action, method, hidden values, field names."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._current: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = Form(
                action=attrs.get("action", ""),
                method=(attrs.get("method") or "get").lower(),
                enctype=attrs.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select"):
            name = attrs.get("name")
            if not name:
                return
            self._current.names.add(name)
            if attrs.get("type") == "hidden":
                self._current.hidden[name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


class Reporter:
    """A browser without JavaScript: it fetches pages and submits the forms they contain."""

    def __init__(self, secrets: tuple[str, ...]):
        self.client = Client(enforce_csrf_checks=True)
        self.secrets = secrets  # what no URL may contain
        self.requests: list[tuple[str, str]] = []  # (method, path with any query string)

    def get(self, path: str):
        return self._check(self.client.get(path))

    def submit(self, page, step: str, fields: dict | None = None, *, which: int = 0):
        """Submit the page's `which`-th form for `step`, filling `fields` like a person."""
        forms = [f for f in self.forms(page) if f.hidden.get("step") == step]
        assert forms, f"no form for step {step!r} on the page"
        form = forms[which]
        assert form.method == "post", (step, form.method)
        fields = fields or {}
        assert set(fields) <= form.names, (step, set(fields) - form.names)
        if "attachments" in fields:
            assert form.enctype == "multipart/form-data"
        return self._check(self.client.post(form.action, {**form.hidden, **fields}))

    @staticmethod
    def forms(page) -> list[Form]:
        parser = Forms()
        parser.feed(page.content.decode())
        return parser.forms

    def _check(self, response):
        request = response.wsgi_request
        self.requests.append((request.method, request.get_full_path()))
        assert not 300 <= response.status_code < 400, response.status_code
        for header in ("Location", "Refresh", "Content-Location"):
            assert header not in response, header
        for secret in self.secrets:
            assert secret not in request.get_full_path()
        if response["Content-Type"].startswith("text/html"):
            for url in Elements.of(response).urls:
                assert not any(secret in url for secret in self.secrets), url
                # No per-step address left; the status-only form's own page carries nothing.
                assert url == "/lacak/status" or not url.startswith("/lacak/"), url
            for form in self.forms(response):
                if form.hidden.get("step"):
                    assert form.action == "/lacak" and form.method == "post", form
        return response


def test_every_step_is_a_post_to_lacak_and_no_url_names_the_case(reference, staff, uploads):
    submission = submitted([upload("foto.jpg", files.jpeg_with_gps(), "image/jpeg")])
    case = submission.case
    number, receipt = case.tracking_number, submission.receipt
    case_services.request_info(staff["coordinator"], case, message="Di jalan apa tepatnya?")
    evidence = case.attachments.get()
    secrets = (number, receipt, receipt.replace("-", ""), f"/{evidence.pk}", f"={evidence.pk}")
    reporter = Reporter(secrets)
    credentials = {"tracking_number": number, "receipt": receipt}

    # Open the case from the track form.
    page = reporter.get("/lacak")
    assert page.status_code == 200
    page = reporter.submit(page, "open", credentials)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "Di jalan apa tepatnya?" in page.content.decode()

    # Answer the officer's question, with a file; sent again (a refresh), refused with 409.
    photo = upload("tambahan.png", files.png_with_text(), "image/png")
    before = page
    page = reporter.submit(before, "message", {"body": "Jl. Sultan Adam.", "attachments": photo})
    assert page.status_code == 200 and "Pesan Anda sudah terkirim" in page.content.decode()
    assert reporter.submit(before, "message", {"body": "Jl. Sultan Adam."}).status_code == 409
    assert Case.objects.get(pk=case.pk).status == "received"
    added = Message.objects.get(case=case, from_reporter=True).attachments.get()
    reporter.secrets += (f"/{added.pk}", f"={added.pk}")

    # Download both files: the evidence and the one just sent.
    downloads = [f for f in reporter.forms(page) if f.hidden.get("step") == "attachment"]
    assert {f.hidden["attachment"] for f in downloads} == {str(evidence.pk), str(added.pk)}
    for which in range(len(downloads)):
        file = reporter.submit(page, "attachment", which=which)
        assert file.status_code == 200 and file["Cache-Control"] == "no-store"
        assert file["Content-Disposition"].startswith("attachment;")

    # Ask for protection (first with the form left empty), report retaliation.
    assert reporter.submit(page, "protection", {"description": ""}).status_code == 400
    protection = {"kind": "threat", "description": "Saya didatangi orang tak dikenal."}
    page = reporter.submit(page, "protection", protection)
    assert page.status_code == 200
    retaliation = {"adverse_action": "dismissal", "description": "Saya diberhentikan."}
    page = reporter.submit(page, "retaliation", retaliation)
    assert page.status_code == 200
    assert ProtectionRequest.objects.filter(case=case).count() == 2

    # The answer comes; the reporter opens the case again and rates it.
    answered(Case.objects.get(pk=case.pk), staff)
    page = reporter.submit(reporter.get("/lacak"), "open", credentials)
    page = reporter.submit(page, "feedback", {"rating": "4", "satisfied": "yes"})
    assert page.status_code == 200 and Case.objects.get(pk=case.pk).status == "closed"

    # Refusals answer at the same address: a wrong receipt, a message on a closed case.
    wrong = {**credentials, "receipt": "AAAA-BBBB-CCCC-DDDD"}
    assert reporter.submit(reporter.get("/lacak"), "open", wrong).status_code == 404
    attachment_form = reporter.submit(page, "attachment", {"receipt": wrong["receipt"]})
    assert attachment_form.status_code == 404

    # Status only, by number alone: the form behind the "Lihat status saja" link, then the lookup.
    assert "/lacak/status" in Elements.of(reporter.get("/lacak")).urls
    form_page = reporter.get("/lacak/status")
    found = reporter.submit(form_page, "status", {"nomor": number})
    assert found.status_code == 200 and "Selesai" in found.content.decode()
    assert reporter.submit(found, "status", {"nomor": "ADU-2026-ZZZZZZ"}).status_code == 404

    # Every step was a POST to exactly /lacak; the only other address is the status form's page.
    posted = [path for method, path in reporter.requests if method == "POST"]
    assert len(posted) >= 14 and set(posted) == {"/lacak"}
    fetched = {path for method, path in reporter.requests if method == "GET"}
    assert fetched == {"/lacak", "/lacak/status"}


def test_the_old_status_page_posts_to_lacak(reference):
    """GET /lacak/status answers old links and the site's "status only" link with the empty form;
    what it submits goes to /lacak, and whatever the old link carried is not read."""
    submission = submitted()
    number = submission.case.tracking_number
    reporter = Reporter(())
    old = reporter.client.get(f"/lacak/status?nomor={number}")
    assert old.status_code == 200 and number not in old.content.decode()
    found = reporter.submit(old, "status", {"nomor": number})
    assert found.status_code == 200 and number in found.content.decode()
    assert reporter.requests == [("POST", "/lacak")]
