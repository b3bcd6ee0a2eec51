"""Pushes that meet on one FalkorDB server take turns, and what killed pushes leave is cleaned.

Real processes push at the same time to a real local server: every city must end at the version
its last push wrote, and the server must keep answering.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from orggraph.engines import push
from orggraph.engines.falkordb import _TEMP_MARK
from orggraph.engines.push_lock import LOCK_KEY, PushLock
from orggraph.errors import BackendUnavailable
from orggraph.examples import example_path, load_example

pytestmark = pytest.mark.falkordb


def _renamed(tmp_path, name: str, new_name: str):
    text = example_path(name).read_text(encoding="utf-8")
    city = load_example(name)
    path = tmp_path / f"{name}-{new_name}.yaml"
    path.write_text(text.replace(f"name: {city.city.name}\n", f"name: {new_name}\n", 1),
                    encoding="utf-8")
    return path


def _city_names(engine) -> dict[str, str]:
    rows = engine.run("MATCH (c:City) RETURN c.id, c.name").rows
    return {row[0]: row[1] for row in rows}


def _push_process(path, engine) -> subprocess.Popen:
    uri = f"redis://127.0.0.1:{engine.location.rsplit(':', 1)[1]}"
    return subprocess.Popen([sys.executable, "-m", "orggraph", "push", str(path), "--uri", uri,
                             "--database", engine.graph], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_concurrent_pushes_of_two_cities_keep_both(falkordb, tmp_path):
    for trial in range(3):
        paths = [_renamed(tmp_path, "tiny", f"Tiny {trial}"),
                 _renamed(tmp_path, "leuven", f"Leuven {trial}")]
        processes = [_push_process(p, falkordb) for p in paths]
        errors = [process.communicate(timeout=120)[1] for process in processes]  # reap both
        for process, err in zip(processes, errors, strict=True):
            assert process.returncode == 0, err
        assert _city_names(falkordb) == {"tiny": f"Tiny {trial}", "leuven": f"Leuven {trial}"}
    assert falkordb.run("RETURN 1").rows == [[1]]


def test_a_push_drops_copies_that_killed_pushes_left(falkordb):
    push(falkordb, load_example("tiny"))
    stale = f"{falkordb.graph}{_TEMP_MARK}deadbeef0000"
    falkordb._command("GRAPH.COPY", falkordb.graph, stale)
    assert falkordb.exists(stale)
    push(falkordb, load_example("tiny"))
    assert not falkordb.exists(stale)


def test_a_push_killed_mid_way_leaves_nothing_behind_for_the_next(falkordb, tmp_path):
    big = tmp_path / "big.json"
    subprocess.run([sys.executable, "-m", "orggraph", "synth", "20000", "--out", str(big)],
                   check=True, capture_output=True)
    process = _push_process(big, falkordb)
    deadline = time.monotonic() + 60
    while not list(falkordb._redis.scan_iter(match=f"*{_TEMP_MARK}*")):
        assert time.monotonic() < deadline and process.poll() is None, "the push never started"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    falkordb._redis.delete(LOCK_KEY)  # what the lease does after a minute, at once
    push(falkordb, load_example("tiny"))
    assert not list(falkordb._redis.scan_iter(match=f"*{_TEMP_MARK}*"))
    assert _city_names(falkordb) == {"tiny": "Tinystad"}


def test_a_push_waits_for_the_lock_and_says_so_when_it_gives_up(falkordb):
    holder = PushLock(falkordb._redis, falkordb.location)
    waiting = PushLock(falkordb._redis, falkordb.location, wait=0.3)
    with holder.held(), pytest.raises(BackendUnavailable, match="another push"):
        with waiting.held():
            pass
    with waiting.held():  # released by the holder: taken at once
        assert falkordb._redis.get(LOCK_KEY) is not None
    assert falkordb._redis.get(LOCK_KEY) is None
