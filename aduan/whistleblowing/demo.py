"""Demo WBS cases are sealed like real ones (development only): `make run` must show a copy of
`var/` holding no WBS text, the demo included. The demo officer and custodian get their key
pairs from the demo password, so they can open the demo cases after signing in."""

import random

from aduan.accounts.models import User
from aduan.cases.models import Case, Message
from aduan.crypto import keys

from . import keyring, sealing
from .models import SealedMessage, SealedReport
from .services import PLACEHOLDER_DESCRIPTION, PLACEHOLDER_TITLE

DEMO_HOLDERS = ("inspektorat", "kustodian")
DEMO_REPORTED = (
    ("Drs. H. Fulan", "Kepala Bidang Bina Marga"),
    ("Ir. Fulanah, M.T.", "Pejabat Pembuat Komitmen"),
    ("Fulan bin Fulan, S.E.", "Bendahara Pengeluaran"),
)


def ensure_demo_keys(password: str | None) -> int:
    """Key pairs for the demo holders who have none yet, when the demo password is known."""
    if not password:
        return 0
    made = 0
    for user in User.objects.filter(username__in=DEMO_HOLDERS, is_active=True):
        if not hasattr(user, "key_holder") and keyring.unlock_at_sign_in(user, password):
            made += 1
    return made


def placeholder(case: Case) -> tuple[str, str, str]:
    """Swaps a demo WBS case's text for the placeholders before it is saved; returns the text
    (title, description, location) to seal once the case has an id."""
    text = (case.title, case.description, case.location)
    case.title, case.description, case.location = PLACEHOLDER_TITLE, PLACEHOLDER_DESCRIPTION, ""
    return text


def hide_message(message: Message) -> str:
    body, message.body = message.body, ""
    return body


def seal_demo_cases(
    texts: dict[int, tuple[str, str, str]], messages: list[tuple[Message, str]], rng: random.Random
) -> None:
    """`texts`: case id → (title, what, where); `messages`: saved messages and their bodies.
    No reporter copy: demo receipts are not usable anyway."""
    reports, sealed_messages, keys_by_case = [], [], {}
    for case_id, (title, what, where) in texts.items():
        key, _ = sealing.seal_new_case(case_id, receipt=None)
        keys_by_case[case_id] = key
        name, position = rng.choice(DEMO_REPORTED)
        values = {"title": title, "what": what, "where": where, "reported_name": name,
                  "reported_position": position, "when": "", "how": ""}  # fmt: skip
        reports.append(
            SealedReport(
                case_id=case_id,
                **{
                    f"{field}_enc": keys.seal_text(
                        key, value, context=sealing.field_context(case_id, field)
                    )
                    for field, value in values.items()
                },
            )
        )
    for message, body in messages:
        key = keys_by_case[message.case_id]
        context = sealing.field_context(message.case_id, f"message:{message.pk}")
        sealed_messages.append(
            SealedMessage(message=message, body_enc=keys.seal_text(key, body, context=context))
        )
    SealedReport.objects.bulk_create(reports)
    SealedMessage.objects.bulk_create(sealed_messages)
