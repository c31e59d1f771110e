from django.core.management.base import BaseCommand

from aduan.cases.workflow_doc import DOC_PATH, render


class Command(BaseCommand):
    help = "Writes docs/workflow.md from the transition tables (--check: fail if stale)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check=False, **options):
        text = render()
        if check:
            current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
            if current != text:
                self.stderr.write("docs/workflow.md sudah usang: jalankan manage.py workflow_doc")
                raise SystemExit(1)
            return
        DOC_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Ditulis: {DOC_PATH}")
