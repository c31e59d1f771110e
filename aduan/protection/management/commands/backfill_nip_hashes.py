"""Fills ReporterIdentity.nip_hash for identities sealed before the column existed (the
migration cases/0004 does the same once; run this after restoring an older backup)."""

from django.core.management.base import BaseCommand

from aduan.cases.identity import backfill_nip_hashes


class Command(BaseCommand):
    help = "Isi hash NIP (nip_hash) identitas pelapor ASN yang disegel sebelum kolom itu ada."

    def handle(self, *args, **options):
        filled = backfill_nip_hashes()
        self.stdout.write(f"Hash NIP diisi untuk {filled} identitas pelapor.")
