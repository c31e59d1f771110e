"""An anonymous WBS report with a canary phrase and a canary reported person: after submission
the raw database file, its WAL and the stored files contain neither; a WBS officer with their
password reads both (issue 6, tests that must exist).

Runs a separate process on a file-based SQLite database (as `make run` does), then reads the
raw bytes of every file it left."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CANARY_PHRASE = "Kanari-Setoran-Proyek-Jembatan-77"
CANARY_NAME = "Burung Kenari Wicaksono"
CANARY_FILE = "Kanari-Bukti-Transfer-1234"
CANARY_QUESTION = "Kanari-Pertanyaan-Inspektur-55"
CANARY_REPLY = "Kanari-Jawaban-Pelapor-88"

SCRIPT = textwrap.dedent(
    f"""
    import io, sys
    import django
    django.setup()
    from django.core.management import call_command
    from fpdf import FPDF
    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0)
    from aduan.accounts.models import User
    from aduan.agencies.models import Agency
    from aduan.intake.uploads import clean_upload
    from aduan.whistleblowing import keyring, services
    officer = User.objects.create_user(
        username="wbs1", password="sandi-petugas-wbs-1", role="wbs_officer",
        agency=Agency.objects.get(code="INSPEKTORAT"))
    keyring.unlock_at_sign_in(officer, "sandi-petugas-wbs-1")  # first sign-in makes the key
    document = FPDF()
    document.set_compression(False)
    document.add_page()
    document.set_font("Helvetica", size=12)
    document.cell(text="{CANARY_FILE}")
    evidence = clean_upload("bukti.pdf", bytes(document.output()))
    assert b"{CANARY_FILE}" in evidence.content  # readable before sealing: a real test
    report = services.WbsReport(
        what="Ada setoran {CANARY_PHRASE} kepada pejabat pengadaan setiap termin.",
        reported_name="{CANARY_NAME}", reported_position="Kepala Bidang",
        reported_agency_code="DPUPR", evidence=(evidence,))
    case, receipt = services.submit_report(report)
    private = keyring.unlock_at_sign_in(officer, "sandi-petugas-wbs-1")
    opened = services.open_for_officer(officer, private, case)
    assert "{CANARY_PHRASE}" in opened.what and opened.reported_name == "{CANARY_NAME}"
    mine = services.open_for_reporter(case, receipt)
    assert "{CANARY_PHRASE}" in mine.what
    # The evidence gate asks through the receipt channel; the reporter answers on /lacak.
    from aduan.cases.actors import ReporterActor
    from aduan.whistleblowing import handling, reporter_side
    handling.judge_evidence(officer, case, sufficient=False, reason="Belum ada bukti transfer.",
                            message="{CANARY_QUESTION}: lampirkan bukti transfer.",
                            private_key=private)
    case.refresh_from_db()
    reporter_side.send_message(case, ReporterActor(case_id=case.pk), receipt,
                               "{CANARY_REPLY}: bukti menyusul.")
    view = reporter_side.view_for_reporter(case, receipt)
    bodies = " ".join(m.body for m in view.messages)
    assert "{CANARY_QUESTION}" in bodies and "{CANARY_REPLY}" in bodies, bodies
    sys.stdout.write("OK " + case.tracking_number + "\\n")
    """
)


def test_wbs_content_and_reported_person_never_at_rest_in_clear(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", ADUAN_VAR_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "OK WBS-" in result.stdout
    raw_files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "secrets.json"]
    assert any(p.name.startswith("aduan.sqlite3") for p in raw_files)
    assert any(p.suffix == ".bin" for p in raw_files), "the sealed evidence file was stored"
    # Positive control: the placeholder text is found, so the files were read.
    assert any(b"Laporan WBS" in p.read_bytes() for p in raw_files)
    for path in raw_files:
        blob = path.read_bytes().lower()
        needles = (CANARY_PHRASE, CANARY_NAME, CANARY_FILE, "Kenari Wicaksono",
                   CANARY_QUESTION, CANARY_REPLY, "Belum ada bukti transfer")  # fmt: skip
        for needle in needles:
            assert needle.lower().encode() not in blob, f"{needle!r} in {path.name}"
    for needle in (CANARY_PHRASE, CANARY_NAME):
        assert needle not in result.stderr, f"{needle!r} in the logs"
