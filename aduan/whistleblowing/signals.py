"""An officer who leaves (deactivated, or no longer a key-holding role) loses their key pair
and with it every wrapped case key: they cannot open old cases, and new ones are not wrapped
for them."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from aduan.core import audit, clock


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def revoke_keys_of_leavers(sender, instance, **kwargs):
    from .keyring import HOLDING_ROLES
    from .models import KeyHolder

    if instance.is_active and instance.role in HOLDING_ROLES:
        return

    holder = KeyHolder.objects.filter(user=instance).first()
    if holder is None:
        return
    grants = holder.grants.count()
    holder.delete()  # its grants go with it (CASCADE)
    audit.record(
        None, "wbs_keys_revoked", f"user:{instance.pk}", grants=grants, at=str(clock.now())
    )
