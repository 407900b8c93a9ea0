"""Configuration from environment variables (12-factor), with safe development defaults."""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_SECRET_KEY = "dev-only-secret-change-me"  # noqa: S105 - refused in production
LANGUAGES = ("th", "en", "my")
REMEMBER_DAYS = 30  # a remembered log-in (cookie and server-side row) lasts this long at most


class ConfigError(RuntimeError):
    """The environment does not describe a runnable shop."""


def _instance_path() -> Path:
    return Path(
        os.environ.get("SHOP_INSTANCE_PATH", Path(__file__).resolve().parent.parent / "instance")
    )


def _database_url(instance: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance / 'shop.sqlite3'}"
    # Heroku-style URLs name the driver "postgres"; SQLAlchemy wants the psycopg 3 dialect.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


DEFAULT_BASE_URL = "http://127.0.0.1:5000"
_WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]"}


def reachable_base_url(url: str | None) -> str:
    """``url`` without its trailing slash, a wildcard listening address (0.0.0.0, ::) written
    as 127.0.0.1, which a browser can open ("http://0.0.0.0:8080" → "http://127.0.0.1:8080");
    "" for an empty one."""
    url = (url or "").strip().rstrip("/")
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host in _WILDCARD_HOSTS or f"[{host}]" in _WILDCARD_HOSTS:
        port = f":{parts.port}" if parts.port else ""
        return parts._replace(netloc=f"127.0.0.1{port}").geturl()
    return url


def from_environment() -> dict:
    """Build the Flask config mapping from the process environment.

    Raises ConfigError in production mode when the secret key is missing or weak, or when rate
    limits would be counted in each process's memory (see check_secret_key, limit_storage).
    """
    instance = _instance_path()
    env = os.environ.get("SHOP_ENV", "development").strip().lower()
    if env not in ("development", "production"):
        raise ConfigError(f"SHOP_ENV must be 'development' or 'production', not {env!r}")
    secret = os.environ.get("SECRET_KEY", "").strip()
    production = env == "production"
    if production:
        check_secret_key(secret)
    secure_cookies = os.environ.get("SESSION_COOKIE_SECURE", "1" if production else "0") == "1"
    # Unset: links follow the address each request came to (core.urls.base_url), whatever
    # port `flask run`, gunicorn or make chose; outside a request, DEFAULT_BASE_URL.
    base_url = reachable_base_url(os.environ.get("SHOP_BASE_URL", "")) or None
    trusted = os.environ.get(
        "TRUSTED_HOSTS", urlsplit(base_url or DEFAULT_BASE_URL).hostname if production else ""
    )
    if (
        production
        and os.environ.get("STRIPE_SECRET_KEY")
        and not os.environ.get("STRIPE_WEBHOOK_SECRET")
    ):
        raise ConfigError("STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is missing")
    return {
        "SHOP_ENV": env,
        "SECRET_KEY": secret or DEFAULT_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": _database_url(instance),
        # Seconds a PostgreSQL statement in a web request may wait before its connection is
        # shut down and the visitor gets the 503 page (core.db.engine_options).
        "DATABASE_WAIT_DEADLINE": float(os.environ.get("DATABASE_WAIT_DEADLINE", "15")),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "INSTANCE_PATH": str(instance),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR") or str(instance / "uploads"),
        "BABEL_DEFAULT_LOCALE": "th",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Bangkok",
        "LANGUAGES": LANGUAGES,
        "PRODUCTS_PER_PAGE": 24,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind TLS in production; a local benchmark over plain HTTP sets it to 0.
        "SESSION_COOKIE_SECURE": secure_cookies,
        # Flask-Login's remember-me cookie: the same rules, and a month (accounts.login_sessions).
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": timedelta(days=REMEMBER_DAYS),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "1") == "1",
        # Seconds an SMTP connection may wait; mail leaves after the response (shop.core.mail).
        "MAIL_TIMEOUT": float(os.environ.get("MAIL_TIMEOUT", "10")),
        # Seconds one mail's whole SMTP conversation may take (MAIL_TIMEOUT bounds each read).
        "MAIL_DEADLINE": float(os.environ.get("MAIL_DEADLINE", "60")),
        "MAIL_DEFAULT_SENDER": os.environ.get(
            "MAIL_DEFAULT_SENDER", "Ranong Cooperative Coffee <shop@ranong-coffee.example.org>"
        ),
        "CACHE_TYPE": os.environ.get("CACHE_TYPE")
        or (
            "shop.core.redis_cache.ForgivingRedisCache"
            if os.environ.get("REDIS_URL")
            else "SimpleCache"
        ),
        "CACHE_REDIS_URL": os.environ.get("REDIS_URL") or None,
        "CACHE_KEY_PREFIX": "shop:",
        "CACHE_DEFAULT_TIMEOUT": int(os.environ.get("CACHE_TIMEOUT", "30")),
        # Flask-Compress: pages, styles, scripts, SVG, sitemaps, JSON and CSV, by what the
        # browser accepts (zstd, brotli, gzip); pictures are WebP already.
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "text/javascript",
            "application/javascript",
            "application/json",
            "application/problem+json",
            "application/xml",
            "text/xml",
            "text/plain",
            "text/csv",
            "image/svg+xml",
        ],
        "COMPRESS_MIN_SIZE": 500,
        "CATALOGUE_VERSION_TTL": float(os.environ.get("CATALOGUE_VERSION_TTL", "1")),
        "RATELIMIT_STORAGE_URI": limit_storage(production),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Redis holds counters, not truth: without it, limits count in each process's memory.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        "SHOP_BASE_URL": base_url,  # None: each request's own address (core.urls.base_url)
        "SHOP_DEFAULT_BASE_URL": DEFAULT_BASE_URL,
        # Production answers only for its own host names (a forged Host header gets 400).
        "TRUSTED_HOSTS": [h.strip() for h in trusted.split(",") if h.strip()] or None,
        # How many proxies (load balancers) append to X-Forwarded-For in front of the shop.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        "PASSWORD_RESET_MAX_AGE": int(os.environ.get("PASSWORD_RESET_MAX_AGE", "3600")),
        # Unpaid orders hold their stock this long, then expire.
        "ORDER_TTL_STRIPE_MINUTES": int(os.environ.get("ORDER_TTL_STRIPE_MINUTES", "30")),
        "ORDER_TTL_TRANSFER_MINUTES": int(os.environ.get("ORDER_TTL_TRANSFER_MINUTES", "1440")),
        "STRIPE_SECRET_KEY": os.environ.get("STRIPE_SECRET_KEY") or None,
        "STRIPE_WEBHOOK_SECRET": os.environ.get("STRIPE_WEBHOOK_SECRET") or None,
        "STRIPE_API_BASE": os.environ.get("STRIPE_API_BASE") or None,
        # Seconds a Stripe API call may take, and how often the SDK tries again (same key).
        "STRIPE_TIMEOUT": float(os.environ.get("STRIPE_TIMEOUT", "10")),
        "STRIPE_MAX_NETWORK_RETRIES": int(os.environ.get("STRIPE_MAX_NETWORK_RETRIES", "1")),
        "PROMPTPAY_ID": os.environ.get("PROMPTPAY_ID", "0812345678"),
        # The account name in each reader's language: Thai as the bank registered it (what a
        # Thai banking app shows before the buyer confirms), English, and Burmese (empty: English).
        "BANK_ACCOUNT_NAME_TH": os.environ.get(
            "BANK_ACCOUNT_NAME_TH", "สหกรณ์การเกษตรเพื่อการตลาดลูกค้า ธ.ก.ส. ระนอง จำกัด"
        ),
        "BANK_ACCOUNT_NAME": os.environ.get(
            "BANK_ACCOUNT_NAME", "Ranong BAAC Clients' Agricultural Marketing Cooperative Ltd."
        ),
        "BANK_ACCOUNT_NAME_MY": os.environ.get(
            "BANK_ACCOUNT_NAME_MY",
            "ရနောင်း BAAC ဖောက်သည်များ စိုက်ပျိုးရေး ဈေးကွက်ရှာဖွေရေး သမဝါယမအသင်း လီမိတက်",
        ),
        # A bank of shop.core.banks by its code (named in each reader's language), or a name.
        "BANK_NAME": os.environ.get("BANK_NAME", "BAAC"),
        "BANK_ACCOUNT_NUMBER": os.environ.get("BANK_ACCOUNT_NUMBER", "020-1-23456-7"),
    }


# --- production checks --------------------------------------------------------------------------

log = logging.getLogger(__name__)

SECRET_KEY_MIN_BYTES = 32
SECRET_KEY_MIN_DISTINCT = 10
# zxcvbn's estimate of guesses (log10): 10^24 is about 80 bits, out of reach of an offline search
# for the key of a signed cookie; a random key of 32 characters scores above 25.
SECRET_KEY_MIN_GUESSES_LOG10 = 24
MAKE_A_SECRET_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'
# Values that were ever shown as examples (defaults, .env.example) are known to everyone.
PLACEHOLDER_SECRET_KEYS = frozenset({DEFAULT_SECRET_KEY, "change-me-to-a-long-random-string"})


def secret_key_weakness(secret: str) -> str | None:
    """Why ``secret`` cannot sign production sessions, or None when it can.

    Refused: empty, a published example, shorter than SECRET_KEY_MIN_BYTES bytes (UTF-8), fewer
    than SECRET_KEY_MIN_DISTINCT different characters, or guessable: zxcvbn (on the first 72
    characters, its limit) finds words, names, dates, repeats, sequences or keyboard runs that
    leave fewer than 10^SECRET_KEY_MIN_GUESSES_LOG10 guesses.
    """
    if not secret:
        return "is not set"
    if secret in PLACEHOLDER_SECRET_KEYS:
        return "is an example value that everyone can read"
    size = len(secret.encode())
    if size < SECRET_KEY_MIN_BYTES:
        unit = "byte" if size == 1 else "bytes"
        return f"is {size} {unit} long; it needs at least {SECRET_KEY_MIN_BYTES}"
    distinct = len(set(secret))
    if distinct < SECRET_KEY_MIN_DISTINCT:
        return f"uses only {distinct} different characters"
    from zxcvbn import zxcvbn

    if zxcvbn(secret[:72])["guesses_log10"] < SECRET_KEY_MIN_GUESSES_LOG10:
        return "is guessable (words, repeats, sequences or keyboard runs)"
    return None


def check_secret_key(secret: str) -> None:
    """Raise ConfigError, saying how to make a good key, when ``secret`` is weak."""
    weakness = secret_key_weakness(secret)
    if weakness:
        raise ConfigError(
            f"SHOP_ENV=production needs a random SECRET_KEY of its own: this one {weakness}. "
            f"Make one with: {MAKE_A_SECRET_KEY}"
        )


def limit_storage(production: bool) -> str:
    """Where rate-limit counters live: RATELIMIT_STORAGE_URI, else REDIS_URL, else memory.

    Counters in memory are per process: N workers on M servers let N x M times the limit
    through. Production therefore raises ConfigError without shared storage, unless
    RATELIMIT_ALLOW_MEMORY=1 says this is a single-process install; then it logs a warning.
    """
    uri = (
        os.environ.get("RATELIMIT_STORAGE_URI", "").strip()
        or os.environ.get("REDIS_URL", "").strip()
        or "memory://"
    )
    if production and uri.startswith("memory://"):
        if os.environ.get("RATELIMIT_ALLOW_MEMORY", "").strip() != "1":
            raise ConfigError(
                "SHOP_ENV=production counts log-in and reset limits in each process's memory, "
                "so every extra worker or server multiplies them. Set REDIS_URL (or "
                "RATELIMIT_STORAGE_URI) to shared storage, or RATELIMIT_ALLOW_MEMORY=1 for a "
                "single-process install."
            )
        log.warning(
            "RATELIMIT_ALLOW_MEMORY=1: rate limits are counted in this process's memory only. "
            "Run exactly one worker process, or every worker multiplies the log-in limits."
        )
    return uri
