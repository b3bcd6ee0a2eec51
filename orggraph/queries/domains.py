"""How the top-level policy domains are shared out over the college (docs/design.md §5).

A member holds top-level domain D when one of their portfolio items has a domain d with
root(d) = D. ``domains_split`` counts the top-level domains held by two members or more (the seed
documents' 'alles van economie, nu verspreid over vier schepenen'); ``mean_domain_fragmentation``
is the mean number of holders over the top-level domains held at all.

>>> from orggraph.core import Core
>>> from orggraph.examples import load_example
>>> domain_metrics(Core(load_example("tiny")))
{'domains_split': 1, 'mean_domain_fragmentation': 1.25}
"""

from __future__ import annotations

from orggraph.core import Core
from orggraph.queries.result import DomainRow
from orggraph.queries.stats import mean

__all__ = ["domain_metrics", "domain_rows", "holders_of"]


def holders_of(core: Core) -> dict[str, list[str]]:
    """Return top-level domain → the members holding it (dataset order), for domains held."""
    holders: dict[str, dict[str, None]] = {}
    for member in core.college:
        for item in member.portfolio:
            top = core.top_domain.get(item.domain, item.domain)
            holders.setdefault(top, {})[member.id] = None
    return {d: list(members) for d, members in holders.items()}


def domain_metrics(core: Core) -> dict[str, float | int | None]:
    """Return ``domains_split`` and ``mean_domain_fragmentation``."""
    counts = [len(members) for members in holders_of(core).values()]
    return {
        "domains_split": sum(1 for n in counts if n >= 2),
        "mean_domain_fragmentation": mean(counts),
    }


def domain_rows(core: Core) -> list[DomainRow]:
    """Return one row per top-level domain of the dataset (held or not), in dataset order."""
    holders = holders_of(core)
    tops = [d for d, top in core.top_domain.items() if top == d]
    tops += [d for d in holders if d not in core.top_domain]
    names = {d.id: d.name for d in core.city.domains}
    return [DomainRow(id=d, name=names.get(d, d), holders=len(holders.get(d, [])),
                      holder_ids=holders.get(d, []), split=len(holders.get(d, [])) >= 2)
            for d in tops]
