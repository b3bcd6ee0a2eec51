"""Explain a proposal in sentences a redesign team reads: who gets what, and what it changes.

>>> number(1), number(4), number(12)
('one', 'four', '12')
>>> join(["a", "b", "c"])
'a, b and c'
"""

from __future__ import annotations

from collections import defaultdict

from orggraph.propose.evaluate import State, owners, tops_held
from orggraph.propose.instance import Instance
from orggraph.propose.search import Proposal, state_of

__all__ = ["explain", "join", "number"]

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """Return ``n`` in words up to ten, in digits above."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def join(parts: list[str]) -> str:
    """Join with commas and a final 'and'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _members(n: int) -> str:
    return f"{number(n)} member{'s' if n != 1 else ''}"


def _cluster_members(inst: Instance, state: State) -> dict[str, set[str]]:
    result: dict[str, set[str]] = defaultdict(set)
    for c, (cls, who) in enumerate(zip(inst.classes, owners(inst, state), strict=True)):
        result[state.cluster.get(c, cls.cluster)] |= who
    return result


def _gives(inst: Instance, proposal: Proposal) -> list[str]:
    received: dict[str, list[int]] = defaultdict(list)
    for k, a in proposal.holders.items():
        received[a].append(k)
    after = tops_held(inst, state_of(inst, proposal))
    base_clusters = _cluster_members(inst, State.base(inst))
    sentences = []
    for a, ks in received.items():
        titles = [f"'{inst.items[k].title}' (from {inst.member_name[inst.items[k].holder]})"
                  for k in ks]
        purpose = _purpose(inst, [inst.items[k].domain for k in ks], a, after, base_clusters)
        sentences.append(f"Gives {join(titles)} to {inst.member_name[a]}{purpose}.")
    return sentences


def _purpose(inst: Instance, domains: list[str], member: str, after: dict[str, set[str]],
             base_clusters: dict[str, set[str]]) -> str:
    """Say why: a top-level domain now with one member, or clusters the member already leads."""
    roots = dict.fromkeys(inst.items[k].root for k in range(len(inst.items))
                          if inst.items[k].domain in domains)
    whole = [inst.domain_name.get(t, t) for t in roots if after.get(t) == {member}]
    if whole:
        return f", so that {join(whole)} sits with one member"
    clusters = dict.fromkeys(cls.cluster for cls in inst.classes
                             if cls.cover & set(domains) and member in base_clusters[cls.cluster])
    if clusters:
        names = [inst.unit_name.get(c, c) for c in clusters]
        return f", who already answers for cluster{'s' if len(names) > 1 else ''} {join(names)}"
    return ""


def explain(inst: Instance, proposal: Proposal) -> list[str]:
    """Return the sentences that explain ``proposal`` against the base.

    Who receives which items (and why: a top-level domain that now sits with one member), which
    services move, and which top-level domains and clusters change their number of members.

    >>> from orggraph.examples import load_example
    >>> from orggraph.propose.instance import instance_of
    >>> inst = instance_of(load_example("tiny"))
    >>> k = next(k for k, i in enumerate(inst.items) if i.title == "Mobiliteit")
    >>> explain(inst, Proposal(1, {k: "bram-claes"}, {}, 0, 0, True, 0))[1]
    'Ruimte is now held by one member instead of two.'
    """
    base, after = State.base(inst), state_of(inst, proposal)
    sentences = _gives(inst, proposal)
    for unit, target in proposal.moves.items():
        cls = next(c for c in inst.classes if c.unit == unit)
        sentences.append(f"Moves {inst.unit_name.get(unit, unit)} from cluster "
                         f"{inst.unit_name.get(cls.cluster, cls.cluster)} to cluster "
                         f"{inst.unit_name.get(target, target)}.")
    before_tops, after_tops = tops_held(inst, base), tops_held(inst, after)
    for top in before_tops:
        b, a = len(before_tops[top]), len(after_tops.get(top, ()))
        if a != b:
            sentences.append(f"{inst.domain_name.get(top, top)} is now held by {_members(a)} "
                             f"instead of {number(b)}.")
    before_clusters = _cluster_members(inst, base)
    after_clusters = _cluster_members(inst, after)
    for c in dict.fromkeys([*before_clusters, *after_clusters]):
        b, a = len(before_clusters.get(c, ())), len(after_clusters.get(c, ()))
        if a != b:
            sentences.append(f"Cluster {inst.unit_name.get(c, c)} now answers to {_members(a)} "
                             f"instead of {number(b)}.")
    return sentences
