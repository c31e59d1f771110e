"""Tests: fixed throwaway keys, tasks run inline, fast hashing."""

import base64

from .base import *  # noqa: F403
from .base import BASE_DIR, database_from_env

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ADUAN_ENVIRONMENT = "test"
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
ADUAN_DATA_KEYS = {"t1": base64.urlsafe_b64decode(b"dGVzdC1kYXRhLWtleS1udW1iZXItb25lLS0tLS0tLS0=")}
ADUAN_HASH_KEY = b"test-hash-key"
ADUAN_SIGNING_KEY = b"s" * 32

DATABASES = {"default": database_from_env(BASE_DIR / "var" / "test.sqlite3")}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ADUAN_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No SMS / WhatsApp gateway unless a test configures one (the environment never leaks in).
ADUAN_SMS_GATEWAY = None
ADUAN_WHATSAPP_GATEWAY = None
# No audit checkpoint file unless a test gives one (tmp_path): the test database starts empty.
ADUAN_AUDIT_CHECKPOINT_FILE = None
