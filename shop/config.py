"""Configuration from environment variables (12-factor), with safe development defaults."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_SECRET_KEY = "dev-only-secret-change-me"  # noqa: S105 - refused in production
LANGUAGES = ("th", "en", "my")


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


def from_environment() -> dict:
    """Build the Flask config mapping from the process environment.

    Raises ConfigError in production mode when the secret key is missing or the default one.
    """
    instance = _instance_path()
    env = os.environ.get("SHOP_ENV", "development").strip().lower()
    if env not in ("development", "production"):
        raise ConfigError(f"SHOP_ENV must be 'development' or 'production', not {env!r}")
    secret = os.environ.get("SECRET_KEY", "").strip()
    if env == "production" and (not secret or secret == DEFAULT_SECRET_KEY):
        raise ConfigError("SHOP_ENV=production needs a SECRET_KEY of its own")
    production = env == "production"
    base_url = os.environ.get("SHOP_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    trusted = os.environ.get("TRUSTED_HOSTS", urlsplit(base_url).hostname if production else "")
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
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "1" if production else "0")
        == "1",
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "1") == "1",
        # Seconds an SMTP connection may wait; mail leaves after the response (shop.core.mail).
        "MAIL_TIMEOUT": float(os.environ.get("MAIL_TIMEOUT", "10")),
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
        "CATALOGUE_VERSION_TTL": float(os.environ.get("CATALOGUE_VERSION_TTL", "1")),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Redis holds counters, not truth: without it, limits count in each process's memory.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        "SHOP_BASE_URL": base_url,
        # Production answers only for its own host names (a forged Host header gets 400).
        "TRUSTED_HOSTS": [h.strip() for h in trusted.split(",") if h.strip()] or None,
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
        "BANK_ACCOUNT_NAME": os.environ.get(
            "BANK_ACCOUNT_NAME", "Ranong BAAC Clients' Agricultural Marketing Cooperative Ltd."
        ),
        "BANK_NAME": os.environ.get("BANK_NAME", "BAAC (ธ.ก.ส.) Ranong branch"),
        "BANK_ACCOUNT_NUMBER": os.environ.get("BANK_ACCOUNT_NUMBER", "020-1-23456-7"),
    }
