"""`manage.py verify_audit`: the older name of `manage.py audit verify` (kept for scripts)."""

from django.core.management.base import BaseCommand

from .audit import verify_or_fail


class Command(BaseCommand):
    help = "Sama dengan `manage.py audit verify`: memeriksa rantai hash dan titik periksa audit."

    def handle(self, *args, **options):
        verify_or_fail(self)
