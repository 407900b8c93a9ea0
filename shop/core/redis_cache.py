"""Flask-Caching's Redis backend, made to treat an unreachable Redis as an empty cache.

Redis holds copies of pages, never the truth: when it does not answer, a read is a miss and a
write is dropped, the page is built from the database, and the log says so at most once a
minute. After a failure Redis is left alone for ``RETRY_AFTER`` seconds, so a Redis that hangs
instead of refusing costs one short timeout now and then, not one per request.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from flask_caching.backends.rediscache import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# Seconds; a cache lookup must stay far cheaper than building the page it saves.
SOCKET_TIMEOUT = 0.5
RETRY_AFTER = 5.0
LOG_EVERY = 60.0

_MISSES = {
    "get": None,
    "get_many": None,  # one None per key, below
    "has": False,
    "set": False,
    "add": False,
    "set_many": [],
    "delete": False,
    "delete_many": [],
    "clear": False,
    "inc": None,
    "dec": None,
    "unlink": None,
}


class ForgivingRedisCache(RedisCache):
    """RedisCache whose every operation answers like an empty cache while Redis is down."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._logged_at = float("-inf")

    @classmethod
    def factory(cls, app, config, args, kwargs):
        options = {
            "socket_connect_timeout": SOCKET_TIMEOUT,
            "socket_timeout": SOCKET_TIMEOUT,
            **(config.get("CACHE_OPTIONS") or {}),
        }
        return super().factory(app, {**config, "CACHE_OPTIONS": options}, args, kwargs)

    @property
    def is_down(self) -> bool:
        """Whether the last operation failed less than RETRY_AFTER seconds ago."""
        return time.monotonic() < self._down_until

    def _failed(self, operation: str, error: RedisError) -> None:
        now = time.monotonic()
        with self._lock:
            self._down_until = now + RETRY_AFTER
            if now - self._logged_at < LOG_EVERY:
                return
            self._logged_at = now
        log.warning(
            "cache: Redis does not answer (%s: %s); pages are built without the cache",
            operation,
            error,
        )


def _forgiving(name: str):
    original = getattr(RedisCache, name)

    def method(self: ForgivingRedisCache, *args: Any, **kwargs: Any) -> Any:
        miss = [None] * len(args) if name == "get_many" else _MISSES[name]
        if self.is_down:
            return miss
        try:
            return original(self, *args, **kwargs)
        except RedisError as error:
            self._failed(name, error)
            return miss

    method.__name__ = name
    method.__doc__ = original.__doc__
    return method


for _name in _MISSES:
    setattr(ForgivingRedisCache, _name, _forgiving(_name))
