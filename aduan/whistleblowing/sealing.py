"""Sealing a WBS case and opening it again, for each kind of reader.

- `seal_new_case`: a fresh content key and identity key; the content key wrapped for every
  active WBS officer, the recovery key and the reporter's receipt; the identity key for every
  custodian and the recovery key.
- `content_key_for_holder` / `content_key_for_reporter`: the content key, for an officer's
  unlocked private key or for the receipt.
- `rewrap_missing`: an officer who can open a case wraps its key for colleagues who joined later.
"""

from aduan.core import clock
from aduan.crypto import keys
from aduan.crypto.fields import DecryptionFailed
from aduan.crypto.secrets import normalise_receipt

from .keyring import READING_PURPOSE, active_holders, recovery_holder
from .models import CaseKeyGrant, Conflict, KeyHolder, KeyPurpose

# Which role holds each case key (the inverse of keyring.READING_PURPOSE).
READERS = {purpose: role for role, purpose in READING_PURPOSE.items()}


def context(case_id: int, purpose: str) -> str:
    return f"case:{case_id}:{purpose}"


def field_context(case_id: int, field: str) -> str:
    return f"case:{case_id}:field:{field}"


def make_grant(case_id: int, purpose: str, holder: KeyHolder, case_key: bytes, now) -> CaseKeyGrant:
    return CaseKeyGrant(
        case_id=case_id,
        purpose=purpose,
        holder=holder,
        wrapped_key=keys.wrap_for(holder.public_key, case_key, context=context(case_id, purpose)),
        created_at=now,
    )


def seal_new_case(
    case_id: int, receipt: str | None, *, exclude_users: frozenset | set = frozenset()
) -> tuple[bytes, bytes]:
    """Makes and wraps the case's two keys; returns (content key, identity key). Without a
    receipt (demo data) there is no reporter copy; `exclude_users` (conflicted officers) get
    no copy at all."""
    now = clock.now()
    content_key, identity_key = keys.new_key(), keys.new_key()
    grants = []
    recovery = recovery_holder()
    for purpose, case_key in (
        (KeyPurpose.CONTENT, content_key),
        (KeyPurpose.IDENTITY, identity_key),
    ):
        holders = [
            h for h in active_holders(READERS[purpose]) if h.user_id not in exclude_users
        ] + ([recovery] if recovery else [])
        grants += [make_grant(case_id, purpose, holder, case_key, now) for holder in holders]
    if receipt is None:
        CaseKeyGrant.objects.bulk_create(grants)
        return content_key, identity_key
    salt = keys.new_salt()
    reporter_key = keys.derive_key(normalise_receipt(receipt), salt)
    grants.append(
        CaseKeyGrant(
            case_id=case_id,
            purpose=KeyPurpose.CONTENT,
            reporter_salt=keys.b64(salt),
            wrapped_key=keys.b64(
                keys.seal(reporter_key, content_key, context=context(case_id, "reporter"))
            ),
            created_at=now,
        )
    )
    CaseKeyGrant.objects.bulk_create(grants)
    return content_key, identity_key


def case_key_for_holder(case_id: int, purpose: str, user, private_key: bytes | None) -> bytes:
    """Raises DecryptionFailed when the user holds no usable grant for this case."""
    if private_key is None:
        raise DecryptionFailed("no unlocked key in this session")
    grant = CaseKeyGrant.objects.filter(case_id=case_id, purpose=purpose, holder__user=user).first()
    if grant is None:
        raise DecryptionFailed("no key for this case")
    return keys.unwrap_with(private_key, grant.wrapped_key, context=context(case_id, purpose))


def content_key_for_reporter(case_id: int, receipt: str) -> bytes:
    grant = CaseKeyGrant.objects.filter(
        case_id=case_id, purpose=KeyPurpose.CONTENT, holder__isnull=True
    ).first()
    if grant is None:
        raise DecryptionFailed("no reporter key for this case")
    key = keys.derive_key(normalise_receipt(receipt), keys.unb64(grant.reporter_salt))
    return keys.unseal(key, keys.unb64(grant.wrapped_key), context=context(case_id, "reporter"))


def rewrap_missing(user, private_key: bytes, purpose: str = KeyPurpose.CONTENT) -> int:
    """Wraps every case key `user` can open for the active holders of the same role who lack
    it (officers who joined, or whose key was replaced). Returns how many grants were made."""
    recovery = recovery_holder()
    holders = active_holders(READERS[purpose]) + ([recovery] if recovery else [])
    mine = CaseKeyGrant.objects.filter(purpose=purpose, holder__user=user)
    have = set(
        CaseKeyGrant.objects.filter(purpose=purpose, holder__in=holders).values_list(
            "case_id", "holder_id"
        )
    )
    now, made = clock.now(), []
    conflicted = set(
        Conflict.objects.filter(case_id__in=mine.values("case_id")).values_list(
            "case_id", "user_id"
        )
    )
    for grant in mine:
        missing = [
            h
            for h in holders
            if (grant.case_id, h.pk) not in have and (grant.case_id, h.user_id) not in conflicted
        ]
        if not missing:
            continue
        case_key = keys.unwrap_with(
            private_key, grant.wrapped_key, context=context(grant.case_id, purpose)
        )
        made += [make_grant(grant.case_id, purpose, h, case_key, now) for h in missing]
    CaseKeyGrant.objects.bulk_create(made, ignore_conflicts=True)
    return len(made)
