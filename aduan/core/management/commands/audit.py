"""`manage.py audit verify | export | checkpoint`: the audit log from the console (docs/audit.md).

- verify: walks the hash chain and compares it with the signed checkpoints; exits non-zero
  naming the first broken record (id, time, what is wrong).
- export [--from DATE] [--to DATE] [--format csv|jsonl] [--output FILE]: the auditor's copy;
  the export is itself recorded in the log.
- checkpoint: signs the current end of the log into ADUAN_AUDIT_CHECKPOINT_FILE (the sweep does
  this on every run).
"""

import datetime as dt
import os

from django.core.management.base import BaseCommand, CommandError

from aduan.core import audit, audit_anchor, clock
from aduan.core.audit_export import FORMATS, AuditFilters, start_export


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Tanggal tidak valid: {value!r}. Contoh: 2026-03-17.") from exc


def verify_or_fail(command: BaseCommand) -> None:
    """Shared with the older `verify_audit` command."""
    result = audit_anchor.verify()
    if result.problem is not None:
        raise CommandError(
            f"Rantai audit PUTUS pada {result.problem.describe()} [{result.problem.kind}]; "
            f"{result.checked} catatan sebelumnya utuh."
        )
    command.stdout.write(command.style.SUCCESS(f"Rantai audit utuh: {result.checked} catatan."))
    if not result.configured:
        command.stdout.write(
            command.style.WARNING(
                "Tanpa berkas titik periksa (ADUAN_AUDIT_CHECKPOINT_FILE): catatan terakhir "
                "yang dihapus tidak dapat dikenali."
            )
        )
    elif result.latest is None:
        command.stdout.write(
            command.style.WARNING("Belum ada titik periksa: jalankan `manage.py audit checkpoint`.")
        )
    else:
        when = clock.local(result.latest.written_at)
        command.stdout.write(
            f"{result.checkpoints} titik periksa bertanda tangan cocok; terakhir "
            f"{when:%Y-%m-%d %H:%M:%S} WITA, {result.unanchored} catatan sesudahnya."
        )


class Command(BaseCommand):
    help = "Log audit: periksa rantai hash (verify), ekspor (export), titik periksa (checkpoint)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="periksa rantai dan titik periksa; gagal bila putus")
        export = sub.add_parser("export", help="ekspor catatan audit (dicatat di log)")
        export.add_argument("--from", dest="date_from", help="sejak tanggal (WITA), YYYY-MM-DD")
        export.add_argument("--to", dest="date_to", help="sampai tanggal (WITA), YYYY-MM-DD")
        export.add_argument("--format", dest="fmt", choices=FORMATS, default="jsonl")
        export.add_argument("--output", help="berkas tujuan (baru); bawaan: keluaran standar")
        export.add_argument("--action", default="", help="hanya tindakan ini")
        export.add_argument("--actor", default="", help="hanya pelaku ini (nama pengguna)")
        export.add_argument("--target", default="", help="hanya objek ini, mis. case:ADU-...")
        sub.add_parser("checkpoint", help="tanda tangani ujung log ke berkas titik periksa")

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            verify_or_fail(self)
        elif subcommand == "export":
            self.export(**options)
        else:
            self.checkpoint()

    def export(self, *, date_from, date_to, fmt, output, action, actor, target, **_):
        filters = AuditFilters(
            action=action,
            actor=actor,
            target=target,
            date_from=parse_date(date_from) if date_from else None,
            date_to=parse_date(date_to) if date_to else None,
        )
        if output:
            try:
                fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError as exc:
                raise CommandError(f"Berkas {output} sudah ada; pilih nama lain.") from exc
            stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        else:
            stream = None
        try:
            done = start_export(audit.CONSOLE_ACTOR, filters, fmt, via="command")
            for piece in done.lines:
                if stream is not None:
                    stream.write(piece)
                else:
                    self.stdout.write(piece, ending="")
        finally:
            if stream is not None:
                stream.close()
        if output:
            self.stderr.write(f"{done.count} catatan diekspor ke {output}.")

    def checkpoint(self):
        written = audit_anchor.write_checkpoint()
        if written is None:
            raise CommandError("ADUAN_AUDIT_CHECKPOINT_FILE tidak diatur.")
        self.stdout.write(
            self.style.SUCCESS(f"Titik periksa: {written.count} catatan sampai #{written.last_id}.")
        )
