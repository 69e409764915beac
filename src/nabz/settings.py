"""Django settings, read from the environment (see README, "Configuration").

Two modes: production (the default: every secret must be given, HTTPS is
assumed and ``nabz manage check --deploy`` is clean) and demo (``NABZ_DEMO=1``,
set by ``nabz demo``/``make demo`` and the test suite: plain HTTP on localhost
and a generated secret key kept in the data directory).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from nabz.conf import envbool, envint, envlist, envsecret, envstr

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("NABZ_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEMO = envbool("NABZ_DEMO", False)
DEBUG = envbool("DEBUG", False)


def _secret_key() -> str:
    key = envsecret("SECRET_KEY")
    if key:
        return key
    if not (DEMO or DEBUG):
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) is required outside demo mode; set NABZ_DEMO=1 "
            "for a local demo"
        )
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEMO or DEBUG) else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # its Swagger UI from our own static files (the CDN page has an inline script)
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "nabz.core",
    "nabz.shell",
    "nabz.workspaces",
    "nabz.audit",
    "nabz.api",
    "nabz.media",
    "nabz.content",
    "nabz.consent",
    "nabz.publishing",
    "nabz.inbox",
    "nabz.listening",  # D4: listening queries, results, alerts
    # analytics and reports (E1, E2)
    "nabz.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nabz.security.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "nabz.core.input_guard.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nabz.security.headers.NoStoreWhenSignedInMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nabz.workspaces.middleware.WorkspaceMiddleware",
    "nabz.workspaces.middleware.RequireTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nabz.urls"
WSGI_APPLICATION = "nabz.wsgi.application"
ASGI_APPLICATION = "nabz.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "nabz.shell.context_processors.shell",
            ],
        },
    }
]

# --- database ---------------------------------------------------------------------
_SQLITE_PATH = DATA_DIR / "nabz.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{_SQLITE_PATH}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `nabz manage migrate` on a fresh machine: make the database's folder, not a traceback.
    try:
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"cannot create the data directory for {DATABASES['default']['NAME']}: {exc}"
        ) from exc
    # The web server and the worker write at once: WAL, IMMEDIATE transactions and
    # a busy timeout keep SQLite from answering "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth -------------------------------------------------------------------------
AUTH_USER_MODEL = "workspaces.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a username+address pair after 5 failures
# for 15 minutes.
AXES_FAILURE_LIMIT = envint("NABZ_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("NABZ_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Nabz"

# --- i18n ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic")), ("fa", _("Persian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "nabz_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- static and media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEMO or DEBUG)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEMO or DEBUG
if DEMO or DEBUG:  # served from the finders; whitenoise still expects the folder
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded images have no public URL (nabz.media.delivery); a network that fetches one gets a
# signed link that expires after this many seconds.
NABZ_SIGNED_MEDIA_SECONDS = envint("NABZ_SIGNED_MEDIA_SECONDS", 300)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- background tasks ---------------------------------------------------------------------
# The database backend is the embedded default (the worker: `nabz worker`).
# NABZ_TASKS_BACKEND=rq with REDIS_URL moves the queue to Redis/RQ for scale-out.
if envstr("NABZ_TASKS_BACKEND", "db") == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": envstr("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    INSTALLED_APPS.append("django_rq")
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- secrets at rest ------------------------------------------------------------------
# Comma-separated Fernet keys, newest first (MultiFernet). Demo mode derives one
# from SECRET_KEY so that the demo needs no set-up.
NABZ_ENCRYPTION_KEYS = [  # or NABZ_ENCRYPTION_KEYS_FILE, like every secret
    key.strip() for key in (envsecret("NABZ_ENCRYPTION_KEYS") or "").split(",") if key.strip()
]
if not NABZ_ENCRYPTION_KEYS and not (DEMO or DEBUG):
    raise ImproperlyConfigured(
        "NABZ_ENCRYPTION_KEYS is required outside demo mode (generate one with "
        "`nabz manage generate_encryption_key`)"
    )


# --- audit chain keys --------------------------------------------------------------------
# HMAC keys that sign the audit chain and its checkpoints, kept outside the database
# (nabz.audit.keys): commas or new lines, newest first. Demo mode generates one in the
# data directory.
def _audit_keys() -> list[str]:
    from nabz.audit.keys import parse_keys

    raw = envsecret("NABZ_AUDIT_KEYS")
    if not raw:
        if not (DEMO or DEBUG):
            raise ImproperlyConfigured(
                "NABZ_AUDIT_KEYS (or NABZ_AUDIT_KEYS_FILE) is required outside demo mode "
                "(generate one with `nabz manage generate_audit_key`)"
            )
        key_file = DATA_DIR / "audit_key"
        try:
            raw = key_file.read_text().strip()
        except FileNotFoundError:
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            raw = secrets.token_urlsafe(32)
            key_file.write_text(raw)
            key_file.chmod(0o600)
    try:
        return parse_keys(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


NABZ_AUDIT_KEYS = _audit_keys()

# --- email ---------------------------------------------------------------------------------
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Nabz <nabz@localhost>")
NABZ_BASE_URL = envstr("NABZ_BASE_URL", "http://127.0.0.1:8000")

# --- the inbox: Meta's webhooks (Facebook Pages, Instagram) --------------------------------
# Deliveries are signed with our Meta app's secret; the set-up handshake echoes Meta's
# challenge only for the verify token we gave Meta. Without them the endpoint refuses all.
NABZ_META_APP_SECRET = envsecret("NABZ_FACEBOOK_APP_SECRET", "") or ""
NABZ_META_VERIFY_TOKEN = envsecret("NABZ_META_VERIFY_TOKEN", "") or ""

# --- security ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The TLS-terminating proxy in front of `nabz serve` (see nabz.security.proxy): its
# address(es) or networks, how many proxies are chained, and which of its headers to believe.
NABZ_TRUSTED_PROXY = envlist("NABZ_TRUSTED_PROXY")
NABZ_TRUSTED_PROXY_COUNT = envint("NABZ_TRUSTED_PROXY_COUNT", 0) or None
NABZ_TRUSTED_PROXY_HEADERS = envlist(
    "NABZ_TRUSTED_PROXY_HEADERS", "x-forwarded-proto,x-forwarded-for,x-forwarded-host"
)
# Django believes X-Forwarded-Proto only when the server was told to trust the proxy's one.
if NABZ_TRUSTED_PROXY and "x-forwarded-proto" in [h.lower() for h in NABZ_TRUSTED_PROXY_HEADERS]:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not (DEMO or DEBUG):
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS: list[str] = []

# --- logging: never post text, tokens or passwords ------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "nabz.core.logging.RedactFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # httpx logs every URL at INFO; a URL may carry a token: keep them out.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

NABZ_WORKER_HEARTBEAT_SECONDS = envint("NABZ_WORKER_HEARTBEAT_SECONDS", 30)
# The publishing dispatcher's beat, and how long an attempt may take before another
# worker may assume its worker died and reconcile it.
NABZ_DISPATCH_SECONDS = envint("NABZ_DISPATCH_SECONDS", 5)
NABZ_PUBLISH_LEASE_SECONDS = envint("NABZ_PUBLISH_LEASE_SECONDS", 120)
NABZ_PUBLISH_TIMEOUT_SECONDS = envint("NABZ_PUBLISH_TIMEOUT_SECONDS", 20)
# Task processes per `nabz worker`: publishing mostly waits for the networks.
NABZ_WORKER_PROCESSES = envint("NABZ_WORKER_PROCESSES", 4)
