"""Demo staff accounts (DESIGN §4). Development only; no second factor enrolled."""

import secrets

from django.db import transaction

from aduan.agencies.models import Agency

from .models import User
from .roles import Role

DEMO_ACCOUNTS = [
    ("koordinator", Role.COORDINATOR, "DISKOMINFO", "Koordinator Diskominfo"),
    ("opd.dpupr", Role.AGENCY_OFFICER, "DPUPR", "Admin Penghubung DPUPR"),
    ("kepala.dpupr", Role.AGENCY_HEAD, "DPUPR", "Kepala DPUPR"),
    ("opd.dinkes", Role.AGENCY_OFFICER, "DINKES", "Admin Penghubung Dinkes"),
    ("kepala.dinkes", Role.AGENCY_HEAD, "DINKES", "Kepala Dinkes"),
    ("inspektorat", Role.WBS_OFFICER, "INSPEKTORAT", "Tim WBS Inspektorat"),
    ("kustodian", Role.CUSTODIAN, None, "Kustodian Identitas"),
    ("sekda", Role.SUPERVISOR, "SETDA", "Sekretaris Daerah"),
    ("auditor", Role.AUDITOR, None, "Auditor"),
    ("admin", Role.SYSADMIN, None, "Administrator Sistem"),
]


# Demo mail goes to var/mail in development (file backend); `.invalid` never resolves.
DEMO_MAIL_DOMAIN = "demo.aduan.invalid"


def ensure_demo_accounts(password: str | None) -> tuple[list[str], str | None]:
    """Creates missing demo accounts. With `password`, every demo account gets it (so the
    environment variable stays the truth); without, new accounts share one random password,
    returned so it can be printed once. Returns (created usernames, generated password)."""
    generated = None
    created = []
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[a[2] for a in DEMO_ACCOUNTS])}
    with transaction.atomic():
        for username, role, agency_code, full_name in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                if password is None and generated is None:
                    generated = secrets.token_urlsafe(12)
                first, _, last = full_name.partition(" ")
                user = User(
                    username=username,
                    role=role,
                    agency=agencies.get(agency_code) if agency_code else None,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@{DEMO_MAIL_DOMAIN}",
                    is_staff=role == Role.SYSADMIN,
                )
                user.set_password(password or generated)
                user.save()
                created.append(username)
            if not user.email:  # accounts made before demo addresses existed
                user.email = f"{username}@{DEMO_MAIL_DOMAIN}"
                user.save(update_fields=["email"])
            if password is not None and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
    return created, generated
