"""Settings for Nghị Trường. Every value comes from an environment variable; with none set the product runs
on the embedded default: SQLite in WAL mode and the in-memory channel layer, in one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from config.env import database_from_url, env_bool, env_int, env_list, env_str, sqlite_database
from config.keys import secret_key_choose

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("NT_VAR_DIR", str(BASE_DIR / "var")))

# Hall mode (``make run HOST=0.0.0.0``, the hall network): DEBUG=0, a generated key kept in var/, plain HTTP on
# the hall's own network (docs/security.md).
HALL = env_bool("NT_HALL", False)
DEBUG = env_bool("DEBUG", not HALL)
SECRET_KEY = secret_key_choose(configured=env_str("SECRET_KEY"), debug=DEBUG, hall=HALL, var_dir=VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"] if DEBUG or HALL else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "core",
    "realtime",
    "sessions_app",
    "agenda",
    "voting",
    "activity",
    "frontend",
    "documents",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.memo.MemoMiddleware",  # repeated reads within one request (a caller's roles) read once
    "csp.middleware.CSPMiddleware",
    "config.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every GET (archive lists and details included) and 304 on a matching If-None-Match; it sees
    # the response after the session middleware, so per-user responses carry "Vary: Cookie".
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.language.LanguageMiddleware",  # Vietnamese unless the user chose English (not Accept-Language)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sessions_app.lockout.LockoutMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": sqlite_database(str(VAR_DIR / "nghitruong.sqlite3"))}
    # A local file: keep the connection. Reopening it on every database hop of the WebSocket stream
    # (thousands per minute) cost a quarter of the server's time in the load bench.
    DATABASES["default"]["CONN_MAX_AGE"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "sessions_app.User"

REDIS_URL = env_str("REDIS_URL")
# The cache holds the REST throttle counts: shared by every process through Redis when there is one.
CACHES = (
    {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CHANNEL_PREFIX", "nt"),
        }
    }
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env_str("CHANNEL_PREFIX", "nt")},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 10000}}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Password lock-out (sessions_app.lockout): per (username, address), NT_LOGIN_FAILURES_MAX failures lock the pair
# for NT_LOGIN_LOCK_SECONDS; the limits are read from NT at each request.
AXES_FAILURE_LIMIT = "sessions_app.lockout.failure_limit"
AXES_COOLOFF_TIME = "sessions_app.lockout.lock_period"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "sessions_app.lockout.client_address"
AXES_USERNAME_CALLABLE = "sessions_app.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "sessions_app.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # no table of every log-in with its address
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = ["axes.W002"]  # its middleware is there, as sessions_app.lockout.LockoutMiddleware
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # a delegate lands on the tablet of their current session
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "config.staticfiles.StaticStorage"
    },
}

# Security: strict by default once DEBUG is off (``manage.py check --deploy`` is clean); the hall mode serves
# plain HTTP on the hall's network, so no TLS-only cookies or redirects there.
TLS = not DEBUG and not HALL
# Forwarded headers are read only behind a configured proxy, from it only (config.proxy, docs/security.md).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", TLS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", TLS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", TLS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if TLS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = TLS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", TLS)
# Scripts from this site only (no inline script, no eval); inline styles allowed (templates carry <style>).
from csp.constants import NONCE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Scripts from this site only; the one inline script is the screens' import map, which carries the
        # request's nonce (frontend/templates/frontend/screen.html).
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # views that must be framed (document previews) opt in per view
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["sessions_app.api_csrf.CsrfSessionAuthentication"],
    # Writes need a log-in (and the view's coarse role) before their body is read (core.permissions).
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.WriteAccess"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # OPTIONS answers 405 with the Allow header: DRF's metadata built serializers of views that have none (500)
    # and described every field to anyone.
    "DEFAULT_METADATA_CLASS": None,
    # Anonymous requests counted per connection address (REMOTE_ADDR: NUM_PROXIES=0 keeps DRF from reading
    # X-Forwarded-For itself; config.proxy sets the address behind a configured proxy).
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "NUM_PROXIES": 0,
    "DEFAULT_THROTTLE_RATES": {
        "login": env_str("THROTTLE_LOGIN", "10/min"),
        "anon": env_str("THROTTLE_ANON", "600/min"),
    },
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nghị Trường API",
    "DESCRIPTION": "Sessions, agenda, voting, questioning and open-data archive of People's Councils (HĐND).",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sessions_app.api_http.openapi_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "SessionStatusEnum": "sessions_app.models.SessionStatus",
        "MembershipRoleEnum": "sessions_app.models.MembershipRole",
        "CountingCommitteeRoleEnum": ["head", "member"],
        "AttendanceStatusEnum": "sessions_app.models.AttendanceStatus",
        "CheckInMethodEnum": "sessions_app.models.CheckInMethod",
        "ItemKindEnum": "agenda.models.ItemKind",
        "DocumentKindEnum": "agenda.models.DocumentKind",
        "ResolutionKindEnum": "voting.models.ResolutionKind",
        "ReceptionKindEnum": "activity.models.ReceptionKind",
        "CouncilRoleKindEnum": "sessions_app.models.CouncilRoleKind",
        "SessionPhaseEnum": "activity.models.SessionPhase",
        "SpeechKindEnum": "agenda.models.SpeechKind",
        "StepKindEnum": "agenda.models.StepKind",
        "PollKindEnum": "voting.models.PollKind",
        "PollMethodEnum": "voting.models.PollMethod",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"receipts": {"()": "config.redact.ReceiptRedactFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["receipts"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.channels.server": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },  # fpdf2 subsets fonts with fontTools, chatty at INFO
}

# Council rules that vary: data, never constants buried in code (domain.md).
NT: dict[str, Any] = {
    "QUORUM_NUMERATOR": env_int("NT_QUORUM_NUMERATOR", 2),
    "QUORUM_DENOMINATOR": env_int("NT_QUORUM_DENOMINATOR", 3),
    "QR_TOKEN_TTL_SECONDS": env_int("NT_QR_TOKEN_TTL_SECONDS", 15 * 60),
    "LOGIN_FAILURES_MAX": env_int("NT_LOGIN_FAILURES_MAX", 5),
    "LOGIN_LOCK_SECONDS": env_int("NT_LOGIN_LOCK_SECONDS", 15 * 60),
    # Base of the URLs printed in QR cards (e.g. http://192.168.1.20:8000) when tablets reach the server
    # under another address than the secretariat's browser; empty = the address of the printing request.
    "PUBLIC_BASE_URL": env_str("NT_PUBLIC_BASE_URL", "").rstrip("/"),
    "AUDIT_KEY": env_str("NT_AUDIT_KEY", SECRET_KEY),
    "LATE_CHECKIN_MAY_VOTE": env_bool("NT_LATE_CHECKIN_MAY_VOTE", False),
    "STREAM_EVENTS_KEPT": env_int("NT_STREAM_EVENTS_KEPT", 5000),
    "TALLY_INTERVAL_MS": env_int("NT_TALLY_INTERVAL_MS", 300),
    "PUBLIC_TALLY_INTERVAL_MS": env_int("NT_PUBLIC_TALLY_INTERVAL_MS", 1000),
    # Confidence votes: is "more than 1/2 / 2/3 low" measured against ballots or the total? (unsettled)
    "CONFIDENCE_DENOMINATOR": env_str("NT_CONFIDENCE_DENOMINATOR", "total"),
    # NQ 96/2023 names province (and former district) councils; whether commune councils hold confidence
    # votes after July 2025 is unsettled: off unless the council reads the law so.
    "CONFIDENCE_COMMUNE_COUNCILS": env_bool("NT_CONFIDENCE_COMMUNE_COUNCILS", False),
    "VOTE_BATCH_MAX": env_int("NT_VOTE_BATCH_MAX", 200),
    "WS_MAX_FRAME_BYTES": env_int("NT_WS_MAX_FRAME_BYTES", 16 * 1024),
    "WS_COMMANDS_PER_10S": env_int("NT_WS_COMMANDS_PER_10S", 50),
    "WS_PUBLIC_SOCKETS_PER_ADDRESS": env_int("NT_WS_PUBLIC_SOCKETS_PER_ADDRESS", 200),
    "STREAM_HEARTBEAT_MS": env_int("NT_STREAM_HEARTBEAT_MS", 2000),
    "STREAM_SWEEP_MS": env_int("NT_STREAM_SWEEP_MS", 5000),
    # Load bench only: log server-side command and fan-out times to the "nt.bench" logger.
    "BENCH_TIMING": env_bool("NT_BENCH_TIMING", False),
    "UPLOAD_MAX_BYTES": env_int("NT_UPLOAD_MAX_BYTES", 50 * 1024 * 1024),
    "SPEAKING_SECONDS": {
        "discussion": env_int("NT_SPEAKING_SECONDS_DISCUSSION", 7 * 60),
        "debate": env_int("NT_SPEAKING_SECONDS_DEBATE", 3 * 60),
        "procedural": env_int("NT_SPEAKING_SECONDS_PROCEDURAL", 60),
    },
    "QUESTION_SECONDS": env_int("NT_QUESTION_SECONDS", 3 * 60),
    "ANSWER_SECONDS": env_int("NT_ANSWER_SECONDS", 5 * 60),
    "FOLLOWUP_SECONDS": env_int("NT_FOLLOWUP_SECONDS", 2 * 60),
    "WRITTEN_ANSWER_DAYS": env_int("NT_WRITTEN_ANSWER_DAYS", 20),
    "PROMISE_REPORT_DAYS_BEFORE_SESSION": env_int("NT_PROMISE_REPORT_DAYS", 10),
    "EXPLANATION_NOTICE_DAYS": env_int("NT_EXPLANATION_NOTICE_DAYS", 10),
    # Digital signatures (ký số, PAdES): the council's certificate as PKCS#12 and its passphrase, and the
    # trusted root(s) to verify against (PEM). The demo makes a test CA there (seed_demo).
    "SIGNING_PKCS12": env_str("NT_SIGNING_PKCS12", str(BASE_DIR / "var" / "signing" / "council.p12")),
    "SIGNING_PASSPHRASE": env_str("NT_SIGNING_PASSPHRASE", ""),
    "SIGNING_TRUST_ROOTS": env_str("NT_SIGNING_TRUST_ROOTS", str(BASE_DIR / "var" / "signing" / "ca.pem")),
    # Delegate lists and question slips imported from CSV/XLSX: rows per file.
    "IMPORT_MAX_ROWS": env_int("NT_IMPORT_MAX_ROWS", 2000),
}
