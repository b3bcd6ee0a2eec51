"""The local engine service on the real server: start, push, restart, stop, and who can reach it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.engines import push
from orggraph.engines.service import engine_home, local_engine, running_pid, start, status, stop
from orggraph.errors import BackendUnavailable
from orggraph.examples import example_path, load_example
from orggraph.loaders.graph import to_networkx

pytestmark = pytest.mark.falkordb
runner = CliRunner()


@pytest.fixture
def home(tmp_path_factory):
    """A fresh engine home (short path: a Unix socket path has a length limit); always stopped."""
    root = tmp_path_factory.mktemp("og")
    home = engine_home({"ORGGRAPH_HOME": str(root)})
    yield home
    stop(home)


def _require(home):
    try:
        return start(home)
    except BackendUnavailable as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs the local FalkorDB engine: {error}")
        pytest.skip(f"no local FalkorDB engine: {error}")


def _tcp_listen_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if Path(table).exists():
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A":  # LISTEN
                    inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def test_lifecycle_start_twice_push_restart_stop(home):
    first, started = _require(home)
    assert started and first.running and first.holdings == []
    again, started_again = start(home)
    assert not started_again and again.pid == first.pid  # idempotent: the same process

    engine = local_engine(home)
    try:
        push(engine, load_example("gent"))
        push(engine, load_example("leuven"))
        push(engine, load_example("gent"), "bundles")
    finally:
        engine.close()
    held = {h.label: h.nodes for h in status(home).holdings}
    # Node counts are what the dataset holds: every node of the city's graph.
    gent_nodes = to_networkx(load_example("gent")).number_of_nodes()
    assert held == {"gent": gent_nodes, "gent@bundles": gent_nodes,
                    "leuven": to_networkx(load_example("leuven")).number_of_nodes()}

    assert stop(home)
    assert running_pid(home) is None
    assert not home.socket.exists() and not home.pidfile.exists()
    assert not Path(f"/proc/{first.pid}").exists() or \
        "Z" in Path(f"/proc/{first.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    assert status(home).disk_bytes > 0  # the data stays

    restarted, started = start(home)
    assert started and restarted.pid != first.pid
    assert {h.label: h.nodes for h in restarted.holdings} == held
    assert stop(home) and not stop(home)  # a second stop finds nothing to stop


def test_only_this_user_reaches_it_and_never_over_tcp(home):
    running, _ = _require(home)
    mode = stat.S_IMODE(home.socket.stat().st_mode)
    assert mode == 0o600, oct(mode)
    for folder in (home.root, home.folder, home.run, home.data):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert home.socket.stat().st_uid == os.getuid()
    # The server holds no listening TCP socket on any interface (so no Bolt port either).
    assert not (_socket_inodes(running.pid) & _tcp_listen_inodes())
    engine = local_engine(home)
    try:
        assert engine._command("CONFIG", "GET", "port") == ["port", "0"] or \
            engine._command("CONFIG", "GET", "port") == [b"port", b"0"]
    finally:
        engine.close()


def test_a_crash_leaves_stale_files_that_the_next_start_clears(home):
    running, _ = _require(home)
    os.kill(running.pid, 9)  # as in a crash: no chance to clean up
    import time

    deadline = time.monotonic() + 10
    while Path(f"/proc/{running.pid}").exists() and time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{running.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if state == "Z":
            break
        time.sleep(0.05)
    assert home.socket.exists() and home.pidfile.exists()  # what the crash left
    assert running_pid(home) is None
    assert not home.socket.exists() and not home.pidfile.exists()
    again, started = start(home)
    assert started and again.running


def test_queries_without_a_running_engine_say_how_to_start_it(tmp_path):
    home = engine_home({"ORGGRAPH_HOME": str(tmp_path)})
    with pytest.raises(BackendUnavailable, match="orggraph engine start"):
        local_engine(home)


def test_the_commands_start_status_push_query_stop(home):
    _require(home)
    env = {"ORGGRAPH_HOME": str(home.root), "ORGGRAPH_URI": "", "NEO4J_URI": ""}
    result = runner.invoke(app, ["engine", "start"], env=env)
    assert result.exit_code == 0 and "already runs" in result.stdout
    result = runner.invoke(app, ["push", str(example_path("tiny"))], env=env)
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["engine", "status"], env=env)
    assert "tiny" in result.stdout and str(home.socket) in result.stdout
    result = runner.invoke(app, ["cypher", "--name", "n_units", "--param", "city=tiny",
                                 "--format", "json"], env=env)
    assert result.exit_code == 0, result.stderr
    import json

    assert json.loads(result.stdout) == [{"n_units": len(load_example("tiny").units)}]
    result = runner.invoke(app, ["engine", "stop"], env=env)
    assert result.exit_code == 0 and "stopped" in result.stdout
    assert not home.socket.exists()


def test_the_shell_in_a_terminal_completes_runs_and_keeps_history(home):
    """`orggraph shell` in a pseudo-terminal: Tab completes a library name, :run answers."""
    import sys
    import time

    import pexpect
    _require(home)
    engine = local_engine(home)
    try:
        push(engine, load_example("tiny"))
    finally:
        engine.close()
    env = {**os.environ, "ORGGRAPH_HOME": str(home.root), "ORGGRAPH_URI": "", "NEO4J_URI": "",
           "TERM": "xterm", "COLUMNS": "120", "PROMPT_TOOLKIT_NO_CPR": "1"}
    shell = pexpect.spawn(sys.executable, ["-m", "orggraph", "shell"], env=env, timeout=60,
                          encoding="utf-8", dimensions=(40, 120))
    try:
        shell.expect("read-only")
        shell.expect("cypher>")
        shell.send(":param city=tiny\r")
        shell.expect("city='tiny'")
        shell.expect("cypher>")
        # Tab completes the only match, n_units: without it, ':run n_uni' names no query.
        # The pauses let the prompt draw the completion before the next key arrives.
        shell.send(":run n_uni")
        time.sleep(0.5)
        shell.send("\t")
        time.sleep(0.5)
        shell.send("\r")
        shell.expect("1 row")
        assert "│ 10 " in shell.before        # tiny has 10 units (examples/tiny.yaml)
        shell.send(":quit\r")
        shell.expect(pexpect.EOF)
    finally:
        shell.close(force=True)
    assert ":run n_units" in (home.root / "shell_history").read_text(encoding="utf-8")
