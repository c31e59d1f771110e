"""Re-encrypts reporter identities still sealed with an older key of ADUAN_DATA_KEYS.

Rotation: put the new key first in ADUAN_DATA_KEYS (keep the old ones after it), deploy,
run this command, then remove the old keys.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from aduan import crypto
from aduan.cases.identity import reseal_if_stale
from aduan.cases.models import ReporterIdentity

BATCH = 500
FIELDS = [f"{name}_enc" for name in ReporterIdentity.ENCRYPTED_FIELDS]


class Command(BaseCommand):
    help = "Encrypts every reporter identity again with the current (first) data key."

    def handle(self, *args, **options):
        current = crypto.current_key_id()
        total = ReporterIdentity.objects.count()
        done = resealed = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    ReporterIdentity.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .order_by("pk")[:BATCH]
                )
                if not batch:
                    break
                stale = [identity for identity in batch if reseal_if_stale(identity)]
                ReporterIdentity.objects.bulk_update(stale, FIELDS)
            last_pk = batch[-1].pk
            done += len(batch)
            resealed += len(stale)
            self.stdout.write(f"  {done}/{total} diperiksa, {resealed} dienkripsi ulang")
        self.stdout.write(
            self.style.SUCCESS(f"Selesai: {resealed} identitas kini memakai kunci '{current}'.")
        )
