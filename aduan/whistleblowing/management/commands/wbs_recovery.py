"""`manage.py wbs_recovery create|grant`: the dual-controlled recovery key (docs/crypto.md).

Two people, each holding one passphrase, type it at the server console; neither passphrase is
echoed, stored or logged. For scripted drills the passphrases may come from two environment
variables named with --first-env / --second-env.
"""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from aduan.accounts.models import User
from aduan.core.errors import ApplicationError
from aduan.crypto.fields import DecryptionFailed
from aduan.whistleblowing.recovery import create_recovery_key, grant_with_recovery


class Command(BaseCommand):
    help = "Kunci pemulihan WBS dengan kendali ganda: buat, atau berikan akses kepada petugas."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "grant"])
        parser.add_argument("--to", help="grant: nama pengguna petugas WBS atau kustodian")
        parser.add_argument("--operators", required=True, help="nama kedua pemegang frasa")
        parser.add_argument("--first-env", help="variabel lingkungan berisi frasa pertama")
        parser.add_argument("--second-env", help="variabel lingkungan berisi frasa kedua")

    def _passphrase(self, env_name: str | None, label: str) -> str:
        if env_name:
            value = os.environ.get(env_name, "")
            if not value:
                raise CommandError(f"Variabel {env_name} kosong.")
            return value
        return getpass.getpass(f"Frasa sandi {label}: ")

    def handle(self, *args, action, to=None, operators, first_env=None, second_env=None, **kw):
        first = self._passphrase(first_env, "pemegang pertama")
        second = self._passphrase(second_env, "pemegang kedua")
        try:
            if action == "create":
                create_recovery_key(first, second, operators=operators)
                self.stdout.write(self.style.SUCCESS("Kunci pemulihan dibuat."))
                return
            user = User.objects.filter(username=to or "").first()
            if user is None:
                raise CommandError("Sebutkan petugas penerima dengan --to.")
            made = grant_with_recovery(first, second, user, operators=operators)
        except DecryptionFailed as exc:
            raise CommandError("Frasa sandi salah; kunci pemulihan tidak terbuka.") from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"{made} kunci laporan diberikan kepada {to}."))
