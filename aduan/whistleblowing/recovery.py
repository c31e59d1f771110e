"""The recovery key: the documented, dual-controlled way back in when every officer is gone
(docs/crypto.md). Its private key is locked by two passphrases together, each held by a
different person; neither alone opens it. New cases are wrapped for it, colleagues' sign-ins
re-wrap older cases for it, and with both passphrases it grants a named holder every case key.
"""

from django.db import transaction

from aduan.core import audit, clock
from aduan.core.errors import ValidationFailed
from aduan.crypto import keys

from . import sealing
from .keyring import READING_PURPOSE, recovery_holder
from .models import CaseKeyGrant, KeyHolder

MIN_PASSPHRASE = 12


def _joined(first: str, second: str) -> str:
    if len(first) < MIN_PASSPHRASE or len(second) < MIN_PASSPHRASE:
        raise ValidationFailed(
            f"Setiap frasa sandi pemulihan paling sedikit {MIN_PASSPHRASE} karakter."
        )
    if first == second:
        raise ValidationFailed("Dua frasa sandi harus berbeda: dipegang dua orang berbeda.")
    return f"{first}\x00{second}"


def create_recovery_key(first: str, second: str, *, operators: str) -> KeyHolder:
    """A new recovery key; an earlier one is revoked (its grants stay until re-wrapped)."""
    pair, _ = keys.new_key_pair(_joined(first, second))
    with transaction.atomic():
        KeyHolder.objects.filter(is_recovery=True, revoked_at__isnull=True).update(
            revoked_at=clock.now()
        )
        holder = KeyHolder.objects.create(
            is_recovery=True,
            public_key=pair.public_key,
            locked_private_key=pair.locked_private_key,
            salt=pair.salt,
            created_at=clock.now(),
        )
        audit.record(None, "wbs_recovery_key_created", f"keyholder:{holder.pk}", by=operators)
    return holder


def grant_with_recovery(first: str, second: str, user, *, operators: str) -> int:
    """With both passphrases: wraps every case key the recovery key holds for `user` (a WBS
    officer gets content keys, a custodian identity keys). Returns how many grants were made."""
    recovery = recovery_holder()
    if recovery is None:
        raise ValidationFailed("Belum ada kunci pemulihan.")
    target = KeyHolder.objects.filter(user=user, revoked_at__isnull=True).first()
    purpose = READING_PURPOSE.get(getattr(user, "role", ""))
    if target is None or purpose is None:
        raise ValidationFailed(
            "Penerima harus petugas WBS atau kustodian yang aktif dan sudah pernah masuk."
        )
    pair = keys.LockedKeyPair(recovery.public_key, recovery.locked_private_key, recovery.salt)
    private = keys.unlock_private_key(pair, _joined(first, second))
    have = set(
        CaseKeyGrant.objects.filter(holder=target, purpose=purpose).values_list(
            "case_id", flat=True
        )
    )
    made = []
    now = clock.now()
    for grant in CaseKeyGrant.objects.filter(holder=recovery, purpose=purpose):
        if grant.case_id in have:
            continue
        case_key = keys.unwrap_with(
            private, grant.wrapped_key, context=sealing.context(grant.case_id, purpose)
        )
        made.append(sealing.make_grant(grant.case_id, purpose, target, case_key, now))
    CaseKeyGrant.objects.bulk_create(made, ignore_conflicts=True)
    audit.record(None, "wbs_recovery_used", f"user:{user.pk}", grants=len(made), by=operators)
    return len(made)
