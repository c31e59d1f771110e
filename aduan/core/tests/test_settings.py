"""Production settings pass Django's deployment checks and refuse to start without secrets."""

import base64
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _manage(*args, env):
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _prod_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ADUAN_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY="p" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        ADUAN_DATA_KEYS="k1:" + base64.urlsafe_b64encode(b"k" * 32).decode(),
        ADUAN_HASH_KEY="hash-key",
        ADUAN_SIGNING_KEY=base64.urlsafe_b64encode(b"s" * 32).decode(),
        ALLOWED_HOSTS="aduan.kalselprov.go.id",
        **extra,
    )
    return env


def test_production_settings_pass_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_prod_env())
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secrets():
    env = _prod_env()
    del env["ADUAN_DATA_KEYS"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ADUAN_DATA_KEYS" in result.stderr
