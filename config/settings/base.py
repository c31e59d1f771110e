"""Settings shared by every environment. Values come from the environment; see dev/test/prod."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ADUAN_VAR_DIR", BASE_DIR / "var"))
SHARED_DATA_DIR = BASE_DIR / "aduan" / "agencies" / "data"

DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "ninja",
    "aduan.core",
    "aduan.accounts",
    "aduan.agencies",
    "aduan.workdays",
    "aduan.cases",
    "aduan.intake",
    "aduan.staff",
    "aduan.notifications",
    "aduan.compliance",
    "aduan.sweeps",
    "aduan.dashboards",
    "aduan.retention",
    "aduan.protection",
    "aduan.whistleblowing",
]

MIDDLEWARE = [
    # First: the client's address and user agent leave reporters' requests before anything
    # else can read or log them (DESIGN §5; aduan.core.channel_privacy).
    "aduan.core.middleware.ChannelPrivacyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "aduan.core.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "aduan.whistleblowing.middleware.WbsKeyCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "aduan.accounts.middleware.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
LOGIN_URL = "/staf/masuk"
LOGIN_REDIRECT_URL = "/staf/"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aduan.staff.context.staff_nav",
                "aduan.notifications.context.unread_notifications",
            ],
        },
    },
]


def database_from_env(default_sqlite_path: Path) -> dict:
    """DATABASE_URL wins; otherwise the embedded SQLite file in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"].endswith("postgresql"):
            # A test run makes its own throwaway database next to this one.
            config.setdefault("TEST", {})["NAME"] = os.environ.get(
                "ADUAN_TEST_DATABASE", f"test_aduan_{os.getpid()}"
            )
        return config
    # A fresh clone has no var/ yet: the embedded database needs its folder.
    default_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_sqlite_path,
        "OPTIONS": {
            # WAL lets the worker and the web process read while the other writes;
            # IMMEDIATE avoids "database is locked" upgrades inside transactions.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Keep the connection between requests: opening SQLite and running the PRAGMAs on
        # every request halves the rate of cheap endpoints.
        "CONN_MAX_AGE": 600,
    }


DATABASES = {"default": database_from_env(VAR_DIR / "aduan.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Makassar"  # WITA: every working-day rule counts in this zone.

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Evidence files live outside the web root and are served only through access checks.
ADUAN_UPLOAD_DIR = VAR_DIR / "uploads"
# Monthly reports for the Gubernur (PDF, XLSX): outside the web root, served to the supervisor.
ADUAN_REPORT_DIR = Path(os.environ.get("ADUAN_REPORT_DIR", VAR_DIR / "reports"))
# Signed checkpoints of the audit log (docs/audit.md): belongs with the database, one file for
# every host; back it up with the database, keep a copy elsewhere.
ADUAN_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("ADUAN_AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit-checkpoints.jsonl")
)

# Throttling counters and their rotating salt live only here (never an IP in the database).
# A file cache is shared by all processes on one host; set REDIS_URL to share across hosts.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Nothing from outside, no inline scripts; the public pages set an even stricter policy.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
CSRF_FAILURE_VIEW = "aduan.intake.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# E-mail (Django 6.1 MAILERS). SMTP when EMAIL_HOST is set, otherwise printed to the console.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": os.environ.get("EMAIL_USE_TLS", "1") == "1",
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "aduan@kalselprov.go.id")

# Workflow knobs (the deadlines themselves are data in SlaPolicy).
ADUAN_MAX_OBJECTIONS = int(os.environ.get("ADUAN_MAX_OBJECTIONS", "2"))
ADUAN_HOLIDAY_YEARS = (2024, 2028)
# Public site address used in content-free e-mails ("buka <alamat>/lacak").
ADUAN_PUBLIC_URL = os.environ.get("ADUAN_PUBLIC_URL", "http://127.0.0.1:8000")
# Tracking lookups: failures allowed per client (salted hash) and per tracking number.
ADUAN_TRACK_MAX_FAILURES = int(os.environ.get("ADUAN_TRACK_MAX_FAILURES", "10"))
ADUAN_TRACK_WINDOW_SECONDS = 15 * 60
# Behind a reverse proxy: the header in which it names the client (e.g. X-Real-IP), used only
# to make the salted client key of throttling; unset = the connection's own address.
ADUAN_CLIENT_ADDRESS_HEADER = os.environ.get("ADUAN_CLIENT_ADDRESS_HEADER", "")


def gateway_from_env(name: str) -> dict | None:
    """An SMS / WhatsApp gateway (aduan.notifications.gateways) from NAME=console|webhook,
    NAME_URL, NAME_TOKEN, NAME_TIMEOUT (seconds). Unset: no gateway for that channel."""
    backend = os.environ.get(name, "").strip().lower()
    if not backend:
        return None
    return {
        "BACKEND": backend,
        "URL": os.environ.get(f"{name}_URL", ""),
        "TOKEN": os.environ.get(f"{name}_TOKEN", ""),
        "TIMEOUT": float(os.environ.get(f"{name}_TIMEOUT", "10")),
    }


ADUAN_SMS_GATEWAY = gateway_from_env("ADUAN_SMS_GATEWAY")
ADUAN_WHATSAPP_GATEWAY = gateway_from_env("ADUAN_WHATSAPP_GATEWAY")
# The daily digest of deadlines goes out once a working day, from this hour (WITA).
ADUAN_DIGEST_HOUR = int(os.environ.get("ADUAN_DIGEST_HOUR", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No client address in any log line (aduan.core.log_filters): runserver's socket and quoted
    # addresses go, reporters' request lines lose their query string.
    "filters": {"channel_privacy": {"()": "aduan.core.log_filters.ChannelPrivacyFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["channel_privacy"],
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # No request lines at all (DESIGN §5: no IPs of reporters); filtered all the same.
        "django.server": {"handlers": [], "propagate": False, "filters": ["channel_privacy"]},
        "django.request": {"filters": ["channel_privacy"]},
        "django.security": {"filters": ["channel_privacy"]},
    },
}

# Receipts are hashed with Argon2id (DESIGN §5). A receipt already carries 80 random bits, so
# OWASP's minimum (19 MiB, 2 passes) suffices and keeps intake fast on two cores; tests go lower.
ADUAN_ARGON2 = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}
ADUAN_REQUIRE_SECOND_FACTOR = False
ADUAN_ENVIRONMENT = "base"
