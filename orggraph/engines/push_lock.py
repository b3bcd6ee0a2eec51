"""One push at a time per FalkorDB server: a lock key with an owner token and a lease.

A FalkorDB push copies a graph, writes the copy and renames it over the original. Two pushes at
once to the same graph would each rename their own copy over it, and the last one silently wins;
two ``GRAPH.COPY`` at once, even of different graphs, make the server fork twice, which it refuses
("Can't fork for module") and can hang on. So every push takes this lock first.

The lock is a key set only when absent (``SET NX``) to a random token, with a lease: a push that is
killed without releasing it (kill -9, a power cut) frees it when the lease runs out. A running push
renews the lease as its batches are written, and releases the lock only if it still holds its own
token.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import redis

from orggraph.errors import BackendUnavailable

__all__ = ["LOCK_KEY", "PushLock"]

#: The key of the lock on the server.
LOCK_KEY = "orggraph:push-lock"
#: Seconds a lock lasts without renewal.
LEASE = 60.0
#: Seconds a push waits for another one to finish before giving up.
WAIT = 600.0

# Delete, or extend, the key only if it still holds our token (another push may own it by now).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end " \
           "return 0"
_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then " \
         "return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"


class PushLock:
    """The push lock of one server, reached through a Redis client."""

    def __init__(self, client: redis.Redis, where: str, *, lease: float = LEASE,
                 wait: float = WAIT):
        self._client = client
        self._where = where
        self._lease_ms = int(lease * 1000)
        self._wait = wait
        self._token: str | None = None
        self._renewed = 0.0  # time.monotonic() of the last renewal

    @contextmanager
    def held(self) -> Iterator[PushLock]:
        """Hold the lock inside the ``with`` block, waiting for another push to finish."""
        token = uuid.uuid4().hex
        deadline = time.monotonic() + self._wait
        while not self._client.set(LOCK_KEY, token, nx=True, px=self._lease_ms):
            if time.monotonic() > deadline:
                raise BackendUnavailable(
                    f"another push to {self._where} has been running for over "
                    f"{self._wait:.0f} s; try again when it is done (a push that was killed frees "
                    f"the server within {self._lease_ms // 1000} s)")
            time.sleep(0.05)
        self._token = token
        self._renewed = time.monotonic()
        try:
            yield self
        finally:
            self._token = None
            try:
                self._client.eval(_RELEASE, 1, LOCK_KEY, token)
            except redis.RedisError:
                pass  # the lease frees it anyway

    def renew(self) -> None:
        """Extend the lease; call it while a long push makes progress.

        Asking the server costs a round trip, so a call within a sixth of the lease of the last
        renewal does nothing: the lease then still has over five sixths of its time to run.
        """
        if self._token is None:
            return
        now = time.monotonic()
        if now - self._renewed < self._lease_ms / 6000:
            return
        self._client.eval(_RENEW, 1, LOCK_KEY, self._token, self._lease_ms)
        self._renewed = now
