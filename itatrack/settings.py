"""itatrack settings: one module, driven by environment variables with safe defaults.

Defaults suit a single machine (SQLite under var/, production-grade security headers). Set
DEBUG=1 for development. See README.md for every variable.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


DEBUG = env_bool("DEBUG", False)

# Where the embedded database, uploads and the generated secret key live.
DATA_DIR = Path(os.environ.get("ITATRACK_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment; otherwise one generated once and kept in DATA_DIR, so
    a single-machine install is safe without configuration. Several servers must share it
    through the environment."""
    if key := os.environ.get("SECRET_KEY", "").strip():
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "itatrack",
    "assessments",
    "measures",
    "reports",
    "itatrack.devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "itatrack.cleantext.CleanTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "itatrack.nocache.NoStoreForSignedInMiddleware",
    "itatrack.busy.DatabaseBusyMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "itatrack.twofactor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "itatrack.keep_post.KeepPostAcrossLoginMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "itatrack.urls"
WSGI_APPLICATION = "itatrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "itatrack.context_processors.organisation",
                "itatrack.insight.context_processors.inbox",
                "assessments.context_processors.framework_notice",
            ],
            "builtins": ["itatrack.templatetags.thai", "itatrack.templatetags.people"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default holds under the app's own concurrency (the server's workers and the
    # background worker on one file): WAL lets readers go on while one writes; IMMEDIATE takes
    # the write lock when a transaction begins, so a reader is never refused its upgrade to a
    # writer half-way ("database is locked" at once, whatever the timeout); the busy timeout
    # is how long a writer waits its turn. What still cannot get the lock in time gets the
    # Thai "ระบบไม่ว่าง" page with what was typed (itatrack.busy), never a 500.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_SECONDS", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With several app servers behind a load balancer, the cache (rendered PDFs, page previews)
# must be shared rather than per process: REDIS_URL points them all at one Redis. Sessions
# live in the database either way; with Redis they are also cached there.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "itatrack",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # One server without Redis still runs several processes (gunicorn's workers, the worker):
    # a per-process cache kept a public page without a new publication for up to ten minutes
    # in the processes that did not publish. Files under DATA_DIR are shared by all of them.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "itatrack.password_rules.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair waits LOGIN_COOLOFF_MINUTES; the attempts live in the database,
# so every app server sees them. The first backend refuses a locked-out pair before any
# password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "itatrack.views.errors.locked_out"
AXES_CLIENT_IP_CALLABLE = "itatrack.access.client_ip"
AXES_VERBOSE = False
# The optional second factor (itatrack.twofactor): the name authenticator apps show.
OTP_TOTP_ISSUER = "itatrack"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "index"
LOGOUT_REDIRECT_URL = "login"

# --- language, time --------------------------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "itatrack" / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- static and uploaded files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Uploads (emblems, signatures, evidence) are served only through views that check membership.
MEDIA_URL = "/media/"
# Several app servers share no disk: S3_BUCKET puts uploads and published documents on
# S3-compatible object storage (AWS, MinIO, Ceph, a government cloud). The bucket stays private;
# every file is still served through the views that check who may read it.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    DEFAULT_STORAGE: dict = {
        "BACKEND": "itatrack.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "itatrack.storage.LocalStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- uploads: every size limit in one place, in bytes (each can be set in the environment) ----
MB = 1024 * 1024
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 2 * MB)  # emblems, signatures
MAX_IMAGE_PIXELS = 25_000_000  # a decompression bomb is refused before it is decoded
MAX_EVIDENCE_BYTES = env_int("MAX_EVIDENCE_BYTES", 20 * MB)  # a follow-up's evidence file
MAX_MEMO_FILES = env_int("MAX_MEMO_FILES", 10)  # documents uploaded to one memo
MAX_MEMO_FILE_PAGES = env_int("MAX_MEMO_FILE_PAGES", 200)
MAX_RESULT_PDF_BYTES = env_int("MAX_RESULT_PDF_BYTES", 20 * MB)  # NACC's result PDF
MAX_SCORE_FILE_BYTES = env_int("MAX_SCORE_FILE_BYTES", 2 * MB)  # score import, XLSX or CSV
# An .xlsx is a zip: 2 MB can unpack to gigabytes of XML. Refused by the sizes its table of
# contents declares, before openpyxl parses a byte (the real template unpacks to ~100 KB).
MAX_SCORE_FILE_UNPACKED_BYTES = 20 * MB
# What one part and one sheet of such a workbook may hold, counted from the zip before parsing
# (assessments.workbook_limits): a 49 KB file of a million tiny shared strings held a web
# worker for 13 s. The real template has ~300 strings, ~200 rows of 5 columns.
XLSX_MAX_PART_BYTES = env_int("XLSX_MAX_PART_BYTES", 8 * MB)
XLSX_MAX_SHARED_STRINGS = env_int("XLSX_MAX_SHARED_STRINGS", 20_000)
XLSX_MAX_ROWS = env_int("XLSX_MAX_ROWS", 2_000)
XLSX_MAX_CELLS = env_int("XLSX_MAX_CELLS", 100_000)
XLSX_MAX_COLUMN = env_int("XLSX_MAX_COLUMN", 100)  # column CV
# What passes those counts (and any CSV) is read within this many seconds, or refused.
XLSX_PARSE_SECONDS = float(os.environ.get("XLSX_PARSE_SECONDS", "2"))
MAX_VERIFY_UPLOAD_BYTES = env_int("MAX_VERIFY_UPLOAD_BYTES", 30 * MB)  # a PDF checked on /v/

# --- forms -----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- background work -------------------------------------------------------------------------
# Tasks are rows in the app's own database, written in the transaction that asks for them (a
# rollback takes the task with it); `manage.py worker` runs them (see the README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A task still RUNNING this long after it was claimed lost its worker (killed, the machine
# restarted): the worker runs it again (itatrack.taskqueue.recover_stale), and the memo page
# offers to send a final copy again.
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 300)

# --- e-mail ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "itatrack <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Without DEBUG, nothing starts until SITE_URL is given (itatrack.checks).
SITE_URL_GIVEN = bool(os.environ.get("SITE_URL", "").strip())

# --- security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "itatrack.views.errors.csrf_failure"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe app servers over plain HTTP, behind the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Errors (a 500, a published file altered in storage) are mailed through the outbox.
        "admins": {"class": "itatrack.errormail.OutboxAdminHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # axes logs every login at INFO; its attempts are kept in the database anyway.
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django.request": {"handlers": ["admins"], "level": "ERROR"},
        "reports.publishing": {"handlers": ["admins"], "level": "ERROR"},
    },
}
# An invitation to join an organisation is open this many days.
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)
# Self-service password reset: requests per address and per visitor's IP in an hour.
PASSWORD_RESET_PER_HOUR = env_int("PASSWORD_RESET_PER_HOUR", 5)
# Who is mailed about errors, besides the site's superusers: "Name <a@b>, c@d".
ADMINS = [
    (address.split("<")[0].strip() or address, address.split("<")[-1].rstrip(">").strip())
    for address in env_list("ADMINS")
]

# --- audit -----------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
# A restore (loaddata) brings the trail back as it was; it is not new history.
AUDITLOG_DISABLE_ON_RAW_SAVE = True
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- measures reminders (manage.py send_reminders, daily) ---------------------------------------
REMINDER_DUE_SOON_DAYS = env_int("REMINDER_DUE_SOON_DAYS", 14)
REMINDER_STALE_DAYS = env_int("REMINDER_STALE_DAYS", 30)
# A memo waiting this many days for an approver's decision brings a reminder, and another
# each week it still waits.
REMINDER_DECISION_DAYS = env_int("REMINDER_DECISION_DAYS", 2)

# --- publishing ------------------------------------------------------------------------------
# A time-stamping authority for PAdES signatures; none by default (this machine has no
# outside network), so signatures carry the signer's own time.
SIGNING_TSA_URL = os.environ.get("SIGNING_TSA_URL", "")
# The key that seals backup manifests (manage.py backup/restore); keep it apart from the
# archives, or an archive can be edited and resealed by whoever holds it.
BACKUP_KEY = os.environ.get("ITATRACK_BACKUP_KEY", "")

# --- PDF fonts (see itatrack/fonts.py) -------------------------------------------------------
PDF_FONT_DIR = Path(os.environ.get("PDF_FONT_DIR", BASE_DIR / "static" / "fonts" / "thsarabun"))
