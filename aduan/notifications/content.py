"""The text of outbound messages, by template key.

Messages to reporters are content-free (DESIGN §5, issue 3 item 7): they say *that* something
changed and where to look, never what changed, which case, or who reported. Anyone who reads the
reporter's mailbox learns only that the person used the complaint service.
"""

from dataclasses import dataclass

from django.conf import settings

REPORTER_CASE_UPDATED = "reporter_case_updated"

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def public_url() -> str:
    return str(getattr(settings, "ADUAN_PUBLIC_URL", DEFAULT_PUBLIC_URL)).rstrip("/")


def _reporter_case_updated() -> Rendered:
    site = public_url()
    return Rendered(
        subject="Pembaruan laporan Anda",
        body=(
            "Ada pembaruan pada laporan Anda. Buka "
            f"{site}/lacak dan masukkan nomor pelacakan serta kode akses untuk melihatnya.\n"
            "\n"
            "(English: There is an update on your report. Open "
            f"{site}/lacak and enter your tracking number and access code to see it.)\n"
            "\n"
            "Pesan ini dikirim otomatis; mohon tidak membalas. "
            "(This message was sent automatically; please do not reply.)\n"
        ),
    )


TEMPLATES = {REPORTER_CASE_UPDATED: _reporter_case_updated}


def render(template: str) -> Rendered:
    """Raises KeyError for an unknown template: the delivery records it as a failure."""
    return TEMPLATES[template]()
