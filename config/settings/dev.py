"""Development: DEBUG on, secrets generated once into var/secrets.json."""

from .base import *  # noqa: F403
from .base import VAR_DIR
from .secrets import load_dev_secrets, parse_keyring

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ADUAN_ENVIRONMENT = "development"

_secrets = load_dev_secrets(VAR_DIR / "secrets.json")
SECRET_KEY = _secrets["SECRET_KEY"]
ADUAN_DATA_KEYS = parse_keyring(_secrets["ADUAN_DATA_KEYS"])
ADUAN_HASH_KEY = _secrets["ADUAN_HASH_KEY"].encode()
