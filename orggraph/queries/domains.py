"""How the top-level policy domains are shared out over the college (DESIGN §5).

A member holds top-level domain D when one of their portfolio items has a domain d with
root(d) = D. ``domains_split`` counts the top-level domains held by two members or more (the seed
documents' 'alles van economie, nu verspreid over vier schepenen'); ``mean_domain_fragmentation``
is the mean number of holders over the top-level domains held at all.

>>> from orggraph.examples import load_example
>>> from orggraph.queries.view import view_of
>>> domain_metrics(view_of(load_example("tiny").to_networkx()))
{'domains_split': 1, 'mean_domain_fragmentation': 1.25}
"""

from __future__ import annotations

from collections import defaultdict

from orggraph.queries.ownership import domain_root
from orggraph.queries.result import DomainRow
from orggraph.queries.stats import mean
from orggraph.queries.view import CityView

__all__ = ["domain_metrics", "domain_rows", "holders_of", "top_domains_held"]


def holders_of(view: CityView) -> dict[str, list[str]]:
    """Return top-level domain → the members holding it (dataset order), for domains held."""
    holders: dict[str, dict[str, None]] = defaultdict(dict)
    for member in view.members.values():
        for d in member.holds:
            holders[domain_root(view.domain_parent, d)][member.id] = None
    return {d: list(members) for d, members in holders.items()}


def top_domains_held(view: CityView) -> dict[str, list[str]]:
    """Return member → the top-level domains they hold, in order of first portfolio item."""
    result: dict[str, list[str]] = {}
    for member in view.members.values():
        roots = (domain_root(view.domain_parent, d) for d in member.holds)
        result[member.id] = list(dict.fromkeys(roots))
    return result


def domain_metrics(view: CityView) -> dict[str, float | int | None]:
    """Return ``domains_split`` and ``mean_domain_fragmentation``."""
    counts = [len(members) for members in holders_of(view).values()]
    return {
        "domains_split": sum(1 for n in counts if n >= 2),
        "mean_domain_fragmentation": mean(counts),
    }


def domain_rows(view: CityView) -> list[DomainRow]:
    """Return one row per top-level domain of the dataset (held or not), in dataset order."""
    holders = holders_of(view)
    tops = [d for d, parent in view.domain_parent.items() if parent is None]
    tops += [d for d in holders if d not in view.domain_parent]
    return [DomainRow(id=d, name=view.domain_name.get(d, d), holders=len(holders.get(d, [])),
                      holder_ids=holders.get(d, []), split=len(holders.get(d, [])) >= 2)
            for d in tops]
