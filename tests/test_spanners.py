"""Boundary spanners: the exact reduced betweenness equals networkx's on every kind of graph."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_metrics_properties import cities

from orggraph.core import Core
from orggraph.examples import example_names, load_example
from orggraph.queries import betweenness as reduced
from orggraph.queries.betweenness import compiled, reduced_betweenness
from orggraph.queries.spanners import betweenness, boundary_spanners, spanner_graph
from orggraph.synth import synthetic_city

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: The implementations of the reduced betweenness: the C kernel where it is built (always under
#: CI, see test_c_kernel_is_built), and numba.
KERNELS = ("c", "numba") if compiled() is not None else ("numba",)


def test_c_kernel_is_built():
    if compiled() is None:
        message = "the C kernel orggraph.queries._brandes is not built (no C compiler?)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert compiled().reduced_betweenness(3, [(0, 1), (1, 2)]) == [0.0, 1.0, 0.0]


def _reduced(graph: nx.Graph, kernel: str | None = None) -> dict:
    """Return the reduced kernel's betweenness of a graph with any node names."""
    nodes = list(graph)
    index = {u: i for i, u in enumerate(nodes)}
    scores = reduced_betweenness(len(nodes), [(index[u], index[v]) for u, v in graph.edges()],
                                 kernel)
    return dict(zip(nodes, scores, strict=True))


def _top(scores: dict, top: int = 5) -> list:
    """The spanners' rule: highest first, ties by id after rounding away float noise."""
    return sorted(scores, key=lambda u: (-round(scores[u], 12), u))[:top]


def _assert_exact(graph: nx.Graph) -> None:
    expected = nx.betweenness_centrality(graph)
    got = _reduced(graph)
    assert got == pytest.approx(expected, abs=1e-12)
    assert _top(got) == _top(expected)
    # Both implementations run the same sums in the same order: equal to the last bit.
    assert all(_reduced(graph, kernel) == got for kernel in KERNELS)
    with pytest.MonkeyPatch.context() as patch:  # the 2-core shared out among threads
        patch.setattr(reduced, "PARALLEL_FROM", 1)
        for threads in (1, 3):
            patch.setattr(reduced, "_threads", lambda t=threads: t)
            sliced = [_reduced(graph, kernel) for kernel in KERNELS]
            assert sliced[0] == pytest.approx(expected, abs=1e-12)
            assert all(other == sliced[0] for other in sliced)
    for method in ("reduced", "igraph", None):
        assert betweenness(graph, method) == pytest.approx(expected, abs=1e-12)


# Hand-derived values: a node's normalised betweenness is the share, among the (n−1)(n−2)/2 pairs
# of other nodes, of the shortest paths that pass through it.

def test_star_centre_lies_on_every_path():
    # Centre of 4 leaves: on all 6 leaf pairs, 6 / 6 = 1; a leaf is on none.
    graph = nx.star_graph(4)
    assert _reduced(graph) == {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}


def test_triangle_with_a_tail():
    # a-b-c a triangle, tail c-d-e; n = 5, 6 pairs of others. d splits {e} from {a, b, c}:
    # 3 pairs, 0.5. c splits {d, e} from {a, b}: 4 pairs, 2/3. a and b are adjacent to each other
    # and to c: no pair needs them.
    graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e")])
    assert _reduced(graph) == pytest.approx({"a": 0.0, "b": 0.0, "c": 4 / 6, "d": 0.5, "e": 0.0},
                                            abs=1e-15)


def test_square_shares_pairs_between_two_routes():
    # A 4-cycle 0-1-2-3 with a leaf 4 on 0; n = 5, 6 pairs of others. 1 is on one of the two
    # shortest routes 0→2 and one of 4→2: ½ + ½, so 1/6; 3 likewise. 2 is on half of 1→3: 1/12.
    # 0 is on every route from 4 to 1, 2 and 3, and on half of 1→3: 3.5, so 7/12.
    graph = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 0), (0, 4)])
    got = _reduced(graph)
    assert got == pytest.approx({0: 7 / 12, 1: 1 / 6, 2: 1 / 12, 3: 1 / 6, 4: 0.0}, abs=1e-15)


def test_pairs_in_two_components_have_no_path():
    # Path 0-1-2 beside the edge 3-4: n = 5, 6 pairs of others; 1 is on (0, 2) only: 1/6.
    graph = nx.Graph([(0, 1), (1, 2), (3, 4)])
    assert _reduced(graph) == pytest.approx({0: 0, 1: 1 / 6, 2: 0, 3: 0, 4: 0}, abs=1e-15)


@pytest.mark.parametrize("kernel", KERNELS)
def test_tiny_graphs_score_zero(kernel):
    assert reduced_betweenness(0, [], kernel) == []
    assert reduced_betweenness(2, [(0, 1)], kernel) == [0.0, 0.0]
    assert reduced_betweenness(3, [(0, 0), (1, 2), (2, 1)], kernel) == [0.0, 0.0, 0.0]
    assert reduced_betweenness(3, iter([[0, 1], [1, 2]]), kernel) == [0.0, 1.0, 0.0]


@pytest.mark.parametrize("kernel", KERNELS)
def test_both_kernels_refuse_a_node_out_of_range(kernel):
    with pytest.raises(ValueError, match=re.escape("edge 1 names node 5, not in 0 ... 2")):
        reduced_betweenness(3, [(0, 1), (5, 2)], kernel)


@pytest.mark.skipif(compiled() is None, reason="the C kernel is not built")
@pytest.mark.parametrize(("n", "edges", "error", "says"), [
    (3, [(0, 3)], ValueError, "edge 0 names node 3, not in 0 ... 2"),
    (3, [(0, 1), (-1, 2)], ValueError, "edge 1 names node -1"),
    (3, [(0, 1, 2)], TypeError, "edge 0 is not a (node, node) pair"),
    (3, [(0, "1")], TypeError, "integer"),
    (3, [(0, 2**70)], OverflowError, "too big"),
    (-1, [], ValueError, "n must be in 0 ..."),
    (2**40, [], ValueError, "n must be in 0 ..."),
])
def test_c_kernel_refuses_bad_graphs(n, edges, error, says):
    with pytest.raises(error, match=re.escape(says)):
        reduced_betweenness(n, edges, "c")


def _slow_graph(n: int = 40_000) -> list[tuple[int, int]]:
    """A random tree plus n random edges: a 2-core of most of its n nodes, which either kernel
    takes minutes to finish on one core (a 10,000-node one takes about 10 s), and even one of
    its eight slices of sources, which threads share, more than ten seconds."""
    import random

    rng = random.Random(1)
    return ([(v, rng.randrange(v)) for v in range(1, n)]
            + [(rng.randrange(n), rng.randrange(n)) for _ in range(n)])


class _Stop(Exception):
    pass


def _kernel(name: str):  # noqa: ANN202
    """The kernel's function, called with explicit threads; compiled already (numba)."""
    if name == "c":
        return compiled().reduced_betweenness
    from orggraph.queries.brandes import numba_betweenness

    numba_betweenness(3, [(0, 1), (1, 2), (2, 0)])  # a triangle: every kernel is compiled
    return numba_betweenness


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no POSIX timers")
@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("threads", [1, 2])
def test_kernels_stop_when_a_signal_handler_raises(kernel, threads):
    """Python runs signal handlers between bytecodes only; a kernel, which runs without the GIL
    for a long time on a large city, must give them a chance, or Ctrl-C waits for the end."""
    edges, function = _slow_graph(), _kernel(kernel)

    def stop(*_):
        raise _Stop

    previous = signal.signal(signal.SIGALRM, stop)
    try:
        # A second in, the graph is read (about 0.3 s for numba) and a kernel runs.
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        start = time.monotonic()
        with pytest.raises(_Stop):
            function(40_000, edges, threads=threads, parallel_from=1000)
        assert time.monotonic() - start < 1.0 + 2.5
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # Nothing is left behind: the next call computes as usual.
    assert function(3, [(0, 1), (1, 2)], threads=threads) == [0, 1, 0]


@pytest.mark.skipif(os.name != "posix", reason="no SIGINT to send")
@pytest.mark.parametrize("kernel", KERNELS)
def test_ctrl_c_interrupts_the_kernels(kernel):
    """A real SIGINT to a process inside a kernel ends it as Ctrl-C ends Python: at once."""
    script = (f"from test_spanners import _kernel, _slow_graph; run = _kernel({kernel!r}); "
              "edges = _slow_graph(); print('ready', flush=True); "
              "run(40_000, edges, threads=2, parallel_from=1000)")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               cwd=os.path.dirname(__file__))
    try:
        assert process.stdout.readline() == "ready\n"
        time.sleep(1.0)  # the graph is read (about 0.3 s for numba) and a kernel runs
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=3)
    finally:
        process.kill()
        process.wait()
    assert "KeyboardInterrupt" in errors
    assert process.returncode != 0


def test_asking_for_a_missing_c_kernel_says_what_to_do(monkeypatch):
    monkeypatch.setattr(reduced, "compiled", lambda: None)
    with pytest.raises(ImportError, match="installed without its C kernel"):
        reduced_betweenness(3, [(0, 1)], "c")
    assert reduced_betweenness(3, [(0, 1), (1, 2)]) == [0.0, 1.0, 0.0]  # numba then


@pytest.mark.parametrize("method", ["reduced", "igraph", None])
@pytest.mark.parametrize("name", example_names())
def test_every_example_city(name, method):
    core = Core(load_example(name))
    graph = spanner_graph(core)
    _assert_exact(graph)
    expected = nx.betweenness_centrality(graph)
    rows, approximate = boundary_spanners(core, method=method)
    assert not approximate
    assert [r.id for r in rows] == _top(expected)
    assert [r.betweenness for r in rows] == pytest.approx([expected[u] for u in _top(expected)],
                                                          abs=1e-12)


@st.composite
def trees(draw, max_nodes: int = 60) -> nx.Graph:
    """A random tree: node i > 0 hangs from a node drawn among 0 … i − 1."""
    n = draw(st.integers(1, max_nodes))
    graph = nx.Graph()
    graph.add_node(0)
    graph.add_edges_from((i, draw(st.integers(0, i - 1))) for i in range(1, n))
    return graph


@st.composite
def chained(draw) -> nx.Graph:
    """A random graph with long chains: hanging from it, and joining two of its nodes."""
    graph = nx.gnm_random_graph(draw(st.integers(1, 15)), draw(st.integers(0, 30)),
                                seed=draw(st.integers(0, 10**6)))
    for _ in range(draw(st.integers(1, 4))):
        ends = draw(st.lists(st.sampled_from(sorted(graph)), min_size=1, max_size=2))
        chain = list(range(len(graph), len(graph) + draw(st.integers(1, 25))))
        nx.add_path(graph, [ends[0], *chain, *ends[1:]])
    return graph


@st.composite
def disconnected(draw) -> nx.Graph:
    """Several components side by side: trees, chained graphs, isolated nodes."""
    parts = draw(st.lists(st.one_of(trees(20), chained()), min_size=2, max_size=4))
    graph = nx.disjoint_union_all(parts)
    graph.add_nodes_from(range(len(graph), len(graph) + draw(st.integers(0, 3))))
    return graph


@SETTINGS
@given(trees())
def test_random_trees(graph):
    _assert_exact(graph)


@SETTINGS
@given(chained())
def test_graphs_with_long_chains(graph):
    _assert_exact(graph)


@SETTINGS
@given(disconnected())
def test_disconnected_graphs(graph):
    _assert_exact(graph)


@SETTINGS
@given(cities())
def test_generated_organisations(city):
    core = Core(city)
    graph = spanner_graph(core)
    _assert_exact(graph)
    assert [r.id for r in boundary_spanners(core)[0]] == _top(
        nx.betweenness_centrality(graph))


@settings(max_examples=6, deadline=None)
@given(st.integers(20, 300), st.integers(0, 10**6))
def test_synthetic_cities(n_units, seed):
    _assert_exact(spanner_graph(Core(synthetic_city(n_units, seed=seed))))


def test_map_computes_no_spanners(monkeypatch, tiny):
    import orggraph.queries.compute as compute
    from orggraph.maps import render_map

    def refuse(*args, **kwargs):
        raise AssertionError("the map asked for boundary spanners")

    monkeypatch.setattr(compute, "boundary_spanners", refuse)
    monkeypatch.setattr("orggraph.maps.render.SPANNERS_UP_TO", len(tiny.units) - 1)
    assert "orggraphMap(" in render_map(tiny)


def test_kernels_compile_in_memory_without_a_cache_folder(monkeypatch):
    import numba

    from orggraph.queries.brandes import kernels

    compiled = []

    def njit(cache: bool = False, **options):
        if cache:
            raise RuntimeError("cannot cache function: no locator available")
        return lambda function: compiled.append(function) or function

    monkeypatch.setattr(numba, "njit", njit)
    found = kernels.__wrapped__()
    assert len(compiled) == 3
    assert found.peel is compiled[0]
