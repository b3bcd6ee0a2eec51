"""The private engine dies with the process that started it, however that process dies."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orggraph.engines.local import remove_stale_folders

pytestmark = pytest.mark.falkordb

START = """
import sys, time
from orggraph.engines.local import LocalFalkorDB
server = LocalFalkorDB()
server.start()
print(server.port, server._folder, flush=True)
time.sleep(120)
"""


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _start_owner() -> tuple[subprocess.Popen, int, Path]:
    owner = subprocess.Popen([sys.executable, "-c", START], stdout=subprocess.PIPE, text=True)
    line = owner.stdout.readline().split()
    if not line:
        owner.kill()
        owner.communicate()
        pytest.fail("the private engine did not start")
    return owner, int(line[0]), Path(line[1])


def _gone(port: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _listening(port):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_kill_9_of_the_owner_stops_the_server_and_the_next_start_removes_its_folder():
    owner, port, folder = _start_owner()
    assert _listening(port) and folder.is_dir()
    os.kill(owner.pid, signal.SIGKILL)
    owner.communicate(timeout=30)
    assert _gone(port), "the server outlived the process that started it"
    assert folder in remove_stale_folders(folder.parent)
    assert not folder.exists()


def test_sigterm_to_a_command_stops_its_engine_and_removes_the_folder(tmp_path):
    from orggraph.examples import example_path

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    command = subprocess.Popen(
        [sys.executable, "-c", "import time, orggraph.engines.local as l;"
         "start = l.LocalFalkorDB.start\n"
         "def slow(self):\n"
         "    engine = start(self); print(self.port, flush=True); time.sleep(60); return engine\n"
         "l.LocalFalkorDB.start = slow\n"
         "from orggraph.cli import main; main()",
         "cypher", "RETURN 1", "--data", str(example_path("tiny"))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    port = int(command.stdout.readline())
    assert _listening(port)
    command.send_signal(signal.SIGTERM)
    command.communicate(timeout=30)
    assert command.returncode == 128 + signal.SIGTERM
    assert _gone(port)
    assert not list(tmp_path.glob("orggraph-falkordb-*"))
