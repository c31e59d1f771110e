"""After a real submission, the database files and the logs hold no identity and no receipt.

Runs a separate process on a file-based SQLite database (as `make run` does) with logging at
DEBUG, submits through the API and the web form, then reads the raw bytes of every file."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SECRETS = ["Rahmah Binti Said", "6371010101900001", "6281250001234", "081250001234",
           "siti.rahmah@example.id", "Jl. Kenanga No. 7", "199001012015012003"]  # fmt: skip

SCRIPT = textwrap.dedent(
    """
    import json, logging, sys
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    logging.getLogger().setLevel(logging.DEBUG)
    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0)
    reporter = {"name": "Rahmah Binti Said", "nik": "6371010101900001",
                "phone": "081250001234", "email": "Siti.Rahmah@example.id",
                "address": "Jl. Kenanga No. 7", "is_asn": True, "nip": "199001012015012003"}
    body = {"kind": "complaint", "title": "Pungutan di sekolah",
            "description": "Ada pungutan tanpa kuitansi di sekolah negeri.",
            "privacy": "confidential", "reporter": reporter}
    client = Client(SERVER_NAME="127.0.0.1")
    response = client.post("/api/v1/reports", data=json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    tracked = client.post("/api/v1/track", data=json.dumps(
        {"tracking_number": data["tracking_number"], "receipt": data["receipt"]}),
        content_type="application/json")
    assert tracked.status_code == 200
    wrong = client.post("/api/v1/track", data=json.dumps(
        {"tracking_number": data["tracking_number"], "receipt": "AAAA-BBBB-CCCC-DDDD"}),
        content_type="application/json")
    assert wrong.status_code == 404
    sys.stdout.write("RECEIPT=" + data["receipt"] + "\\n")
    """
)


def test_database_files_and_logs_hold_no_identity_or_receipt(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", ADUAN_VAR_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    receipt = result.stdout.split("RECEIPT=")[1].split()[0]
    logs = result.stderr + result.stdout.replace(f"RECEIPT={receipt}", "")
    raw_files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "secrets.json"]
    assert any(p.name.startswith("aduan.sqlite3") for p in raw_files)
    # Positive control: the (non-identifying) report text is found, so the files were read.
    assert any(b"Pungutan di sekolah" in p.read_bytes() for p in raw_files)
    needles = [*SECRETS, receipt, receipt.replace("-", "")]
    for path in raw_files:
        blob = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in blob, f"{needle!r} in {path.name}"
            assert needle.lower().encode() not in blob.lower(), f"{needle!r} in {path.name}"
    for needle in needles:
        assert needle not in logs, f"{needle!r} in the logs"
