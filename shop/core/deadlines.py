"""Overall deadlines for waits on a network connection, which socket timeouts cannot give.

A socket timeout bounds each read, not the whole wait: an SMTP server that sends one byte
every 2 s never trips a 10 s timeout. TCP keepalives and ``TCP_USER_TIMEOUT`` notice a peer
that is gone, not one that acknowledges and never answers (a stalled proxy or connection
pooler, a frozen server). So one watchdog thread per process holds the deadline of every wait
armed with it, and shuts down the socket of a wait that passes it: the waiting thread reads
end-of-file at once and fails with its library's usual "connection closed" error (smtplib's
``SMTPServerDisconnected``, psycopg's ``OperationalError``), which its caller already handles.

Used by ``core.mail`` (each mail's whole send) and ``core.db`` (a web request's use of a pooled
PostgreSQL connection).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

log = logging.getLogger(__name__)
CHECK_EVERY_S = 0.25  # how late past its deadline a socket may be shut down


class Watchdog:
    """Deadlines keyed by any hashable (the connection they guard), each with its socket (a
    ``socket.socket`` or a file descriptor). ``arm`` sets or moves a key's deadline; ``disarm``
    must be called before the socket is closed, so a closed descriptor number reused by another
    connection is never shut down."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: dict[object, tuple[float, socket.socket | int, str]] = {}
        self._pid: int | None = None

    def arm(self, key: object, sock: socket.socket | int, seconds: float, what: str) -> None:
        """Shut ``sock`` down if ``key`` is still armed ``seconds`` from now; ``what`` names
        the wait in the log."""
        with self._lock:
            if self._pid != os.getpid():  # first use in this process (gunicorn forks workers)
                self._armed = {}
                self._pid = os.getpid()
                threading.Thread(target=self._watch, name="deadline-watchdog", daemon=True).start()
            self._armed[key] = (time.monotonic() + seconds, sock, what)

    def disarm(self, key: object) -> None:
        with self._lock:
            self._armed.pop(key, None)

    def _watch(self) -> None:
        while True:
            time.sleep(CHECK_EVERY_S)
            now = time.monotonic()
            with self._lock:
                for key in [k for k, (deadline, _, _) in self._armed.items() if deadline <= now]:
                    _, sock, what = self._armed.pop(key)
                    log.warning("%s passed its deadline: its connection is shut down", what)
                    _shut_down(sock)


def _shut_down(sock: socket.socket | int) -> None:
    """Shut the connection down both ways (the owner still closes it)."""
    try:
        if isinstance(sock, int):
            # A duplicate of the descriptor: shutting it down ends the one connection both
            # name; closing the duplicate leaves the owner's descriptor open.
            with socket.socket(fileno=os.dup(sock)) as dup:
                dup.shutdown(socket.SHUT_RDWR)
        else:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError as error:  # closed meanwhile, or never connected
        log.debug("shutting a connection down failed: %s", error)


watchdog = Watchdog()
