"""Production refuses to start with a weak SECRET_KEY or with rate limits in process memory."""

from __future__ import annotations

import base64
import logging
import os
import secrets
import subprocess
import sys

import pytest

from shop import create_app
from shop.config import ConfigError

MAKE_ONE = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


@pytest.fixture
def production(monkeypatch, tmp_path):
    """A production environment with shared limit storage and its own database file."""
    monkeypatch.setenv("SHOP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/15")
    for name in ("RATELIMIT_STORAGE_URI", "RATELIMIT_ALLOW_MEMORY", "STRIPE_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    "weak",
    [
        "x",
        "a-long-random-production-secret",  # 31 bytes
        "x" * 64,
        "abc" * 20,
        "0123456789" * 4,
        "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd",
        "password1234567890password1234567890",
        "qwertyuiopasdfghjklzxcvbnm1234567890",
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "Ranong2026!Ranong2026!Ranong2026!Ranong2026!",
        "change-me-to-a-long-random-string",  # .env.example's old value
        "dev-only-secret-change-me",
        "ก" * 40,  # 120 bytes of one Thai letter
    ],
)
def test_production_refuses_a_short_or_guessable_secret_key_and_says_how_to_make_one(
    production, weak
):
    production.setenv("SECRET_KEY", weak)
    with pytest.raises(ConfigError, match="SECRET_KEY") as refused:
        create_app()
    assert MAKE_ONE in str(refused.value)


@pytest.mark.parametrize(
    "make",
    [
        lambda: secrets.token_urlsafe(48),
        lambda: secrets.token_urlsafe(32),
        lambda: secrets.token_hex(16),
        lambda: secrets.token_hex(32),
        lambda: base64.b64encode(os.urandom(32)).decode(),
    ],
)
def test_production_starts_with_random_keys(production, make):
    from shop.config import secret_key_weakness

    assert [key for key in (make() for _ in range(50)) if secret_key_weakness(key)] == []
    production.setenv("SECRET_KEY", make())
    create_app()


def test_the_suggested_command_makes_a_key_production_accepts(production):
    command = MAKE_ONE.removeprefix("python -c ").strip('"')
    key = subprocess.run(
        [sys.executable, "-c", command], capture_output=True, text=True, check=True
    ).stdout.strip()
    production.setenv("SECRET_KEY", key)
    assert create_app().secret_key == key


def test_development_keeps_its_default_key(monkeypatch):
    monkeypatch.delenv("SHOP_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert create_app().secret_key == "dev-only-secret-change-me"


def test_production_refuses_to_count_limits_in_process_memory(production):
    production.delenv("REDIS_URL")
    with pytest.raises(ConfigError, match="REDIS_URL") as refused:
        create_app()
    assert "RATELIMIT_ALLOW_MEMORY=1" in str(refused.value)

    production.setenv("RATELIMIT_STORAGE_URI", "memory://")
    with pytest.raises(ConfigError, match="REDIS_URL"):
        create_app()


@pytest.mark.parametrize(
    ("setting", "uri"),
    [
        ("REDIS_URL", "redis://127.0.0.1:6379/15"),
        ("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/14"),
    ],
)
def test_production_counts_limits_in_shared_storage(production, setting, uri):
    production.delenv("REDIS_URL")
    production.setenv(setting, uri)
    app = create_app()
    assert app.config["RATELIMIT_STORAGE_URI"] == uri
    assert app.config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] is True


def test_a_single_process_install_may_count_in_memory_and_is_warned_loudly(production, caplog):
    production.delenv("REDIS_URL")
    production.setenv("RATELIMIT_ALLOW_MEMORY", "1")
    with caplog.at_level(logging.WARNING, logger="shop.config"):
        app = create_app()
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    (warning,) = [r for r in caplog.records if r.name == "shop.config"]
    assert warning.levelno == logging.WARNING
    assert "one worker process" in warning.getMessage()


def test_development_counts_in_memory_without_redis(monkeypatch):
    for name in ("SHOP_ENV", "REDIS_URL", "RATELIMIT_STORAGE_URI", "RATELIMIT_ALLOW_MEMORY"):
        monkeypatch.delenv(name, raising=False)
    assert create_app().config["RATELIMIT_STORAGE_URI"] == "memory://"
