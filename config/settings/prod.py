"""Production: everything from the environment; refuses to start without its secrets."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .secrets import SECRET_NAMES, parse_keyring, parse_signing_key

ADUAN_ENVIRONMENT = "production"
DEBUG = False

_missing = [name for name in SECRET_NAMES if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(f"Missing environment variables: {', '.join(_missing)}")

SECRET_KEY = os.environ["SECRET_KEY"]
ADUAN_DATA_KEYS = parse_keyring(os.environ["ADUAN_DATA_KEYS"])
ADUAN_HASH_KEY = os.environ["ADUAN_HASH_KEY"].encode()
ADUAN_SIGNING_KEY = parse_signing_key(os.environ["ADUAN_SIGNING_KEY"])

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ADUAN_REQUIRE_SECOND_FACTOR = True

# Production always sends through SMTP: EMAIL_HOST, else the local relay (MTA) on localhost.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "") == "1",
        },
    }
}
