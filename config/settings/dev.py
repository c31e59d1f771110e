"""Development: DEBUG on, secrets generated once into var/secrets.json."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR
from .secrets import load_dev_secrets, parse_keyring, parse_signing_key

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ADUAN_ENVIRONMENT = "development"

_secrets = load_dev_secrets(VAR_DIR / "secrets.json")
SECRET_KEY = _secrets["SECRET_KEY"]
ADUAN_DATA_KEYS = parse_keyring(_secrets["ADUAN_DATA_KEYS"])
ADUAN_HASH_KEY = _secrets["ADUAN_HASH_KEY"].encode()
ADUAN_SIGNING_KEY = parse_signing_key(_secrets["ADUAN_SIGNING_KEY"])

# Mail to reporters goes into files under var/mail, not the console log, so no address ends up
# in the terminal output. Setting EMAIL_HOST keeps base.py's SMTP mailer instead.
if not os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": VAR_DIR / "mail"},
        }
    }

# SMS / WhatsApp: the console gateway (logs that a message left, never to whom or what) unless
# the environment names a real one (base.py: ADUAN_SMS_GATEWAY, ADUAN_WHATSAPP_GATEWAY).
ADUAN_SMS_GATEWAY = ADUAN_SMS_GATEWAY or {"BACKEND": "console"}  # noqa: F405
ADUAN_WHATSAPP_GATEWAY = ADUAN_WHATSAPP_GATEWAY or {"BACKEND": "console"}  # noqa: F405
