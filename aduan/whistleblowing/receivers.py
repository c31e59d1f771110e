"""What happens for a key holder at sign-in: unlock (or make) their key pair, keep it for the
session, and wrap for colleagues who joined since any case key this holder can open."""

from django.dispatch import receiver

from aduan.accounts.services import password_accepted
from aduan.core import audit

from . import keyring, sealing


@receiver(password_accepted)
def unlock_keys(sender, request, user, password, **kwargs):
    private = keyring.unlock_at_sign_in(user, password)
    if private is None:
        return
    keyring.keep_in_session(request, private)
    made = sealing.rewrap_missing(user, private, keyring.READING_PURPOSE[user.role])
    if made:
        audit.record(user, "wbs_keys_rewrapped", f"user:{user.pk}", grants=made)
