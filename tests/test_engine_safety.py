"""Engine addresses and servers that misbehave: no password shown, no hang, the right exit code."""

from __future__ import annotations

import socket
import threading

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.engines.address import hide_secrets, mask_uri
from orggraph.examples import example_path

runner = CliRunner()
SECRET = "S3cretPW"

BROKEN_ADDRESSES = [
    f"redis://ann:{SECRET}@127.0.0.1:notaport",
    f"bolt://neo4j:{SECRET}@[::1:7687",
    f"bolt://neo4j:{SECRET}@127.0.0.1:16598",
    f"neo4j+s://neo4j:{SECRET}@127.0.0.1:16598",
    f"neo4j://neo4j:{SECRET}@127.0.0.1:16598/path?query=1",
    "nosuch://127.0.0.1:1",
]


@pytest.mark.parametrize("uri", BROKEN_ADDRESSES)
def test_an_address_that_cannot_be_used_is_a_usage_error_without_the_password(uri):
    result = runner.invoke(app, ["cypher", "RETURN 1", "--uri", uri],
                           env={"ORGGRAPH_PASSWORD": SECRET})
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("uri", BROKEN_ADDRESSES + ["bolt://u:p@w@h:1/x", "redis://:pw@h"])
def test_mask_uri_never_raises_and_hides_the_password(uri):
    masked = mask_uri(uri)
    assert SECRET not in masked and ":pw@" not in masked and "p@w@" not in masked


def test_hide_secrets_removes_every_copy():
    uri = f"bolt://n:{SECRET}@h:1"
    text = hide_secrets(f"{uri} failed; password {SECRET} refused", uri)
    assert SECRET not in text and "bolt://n:***@h:1" in text


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.parametrize("scheme", ["redis", "bolt"])
def test_a_server_that_never_answers_ends_with_exit_3(silent_server, scheme):
    result = runner.invoke(app, ["cypher", "RETURN 1", "--uri",
                                 f"{scheme}://127.0.0.1:{silent_server}"],
                           env={"ORGGRAPH_TIMEOUT": "1", "ORGGRAPH_PASSWORD": SECRET,
                                "ORGGRAPH_USER": "neo4j"})
    assert result.exit_code == 3, result.output
    assert SECRET not in result.output


def test_a_timeout_that_is_not_a_number_is_a_usage_error():
    result = runner.invoke(app, ["cypher", "RETURN 1", "--uri", "redis://127.0.0.1:1"],
                           env={"ORGGRAPH_TIMEOUT": "soon"})
    assert result.exit_code == 2 and "ORGGRAPH_TIMEOUT" in result.stderr


@pytest.mark.parametrize("param", ['x=[{"a`b": 1}]', "x=[[1, 2]]"])
def test_parameters_that_no_engine_takes_are_usage_errors(param):
    result = runner.invoke(app, ["cypher", "RETURN $x", "--data", str(example_path("tiny")),
                                 "--param", param])
    assert result.exit_code == 2, result.output
    assert "not maps or nested lists" in result.stderr
