"""Colour the units of a map by cluster, by owning college member or by top-level domain.

Each colouring returns the fill of every unit and the legend entries that explain those fills,
built from the same mapping so that the legend can never disagree with the picture.

>>> from orggraph.examples import load_example
>>> fills, legend = colour_units(load_example("tiny"), "alderman")
>>> fills["staf-ruimte"].mixed, len(fills["staf-ruimte"].parts)
(True, 2)
>>> fills["dienst-zorg"].fill == fills["dienst-jeugd"].fill
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from orggraph.core import Core
from orggraph.errors import OrggraphError
from orggraph.maps.palette import (
    MIXED_BORDER,
    MIXED_COLOUR,
    NEUTRAL_COLOUR,
    NONE_COLOUR,
    OTHER_COLOUR,
    OTHER_TOP_COLOUR,
    PALETTE,
    colour_for,
)
from orggraph.schemas.dataset import City
from orggraph.schemas.enums import SERVICE_KINDS, UnitKind

__all__ = ["COLOR_BY", "Fill", "LegendEntry", "colour_units", "group_kinds", "member_colours"]

COLOR_BY = ("cluster", "alderman", "domain")


@dataclass(frozen=True)
class Fill:
    """The fill of one unit: its colour and, for several owners or domains, the colour of each
    (``parts``, drawn as slices of the node). ``keys`` are the legend entries it belongs to."""

    fill: str
    border: str
    mixed: bool = False
    parts: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a swatch (fill, border, shape) and the text next to it.

    ``key`` names what the entry stands for (a unit kind for shapes), for pages and tests.
    """

    section: str
    label: str
    fill: str = ""
    border: str = ""
    shape: str = "dot"
    width: int = 1
    radius: int = 0
    key: str = ""


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _plain(colour: str, *keys: str) -> Fill:
    return Fill(colour, _darker(colour), keys=keys)


_MIXED = Fill(MIXED_COLOUR, MIXED_BORDER, mixed=True)
_NEUTRAL = _plain(NEUTRAL_COLOUR)
_NONE = _plain(NONE_COLOUR)


def member_colours(city: City, owners: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Return college member id → colour, in college order (the legend order too).

    ``owners`` is owners(s) of every service (:attr:`Core.owners`), worked out when not given.
    """
    owners = Core(city).owners if owners is None else owners
    held = Counter(p for found in owners.values() for p in found)
    return _assign([p.id for p in city.college], held)


def _assign(order: list[str], size: Counter[str]) -> dict[str, str]:
    """Give each group a palette colour, in ``order``; with more groups than colours, the
    biggest keep their own and the smallest share :data:`OTHER_COLOUR` (a repeated colour
    would say two clusters are one)."""
    if len(order) <= len(PALETTE):
        return {g: colour_for(i) for i, g in enumerate(order)}
    position = {g: i for i, g in enumerate(order)}
    keep = set(sorted(order, key=lambda g: (-size[g], position[g]))[:len(PALETTE) - 1])
    kept = [g for g in order if g in keep]
    colours = {g: colour_for(i) for i, g in enumerate(kept)}
    return {g: colours.get(g, OTHER_COLOUR) for g in order}


def _legend(order: list[str], colour: dict[str, str], names: dict[str, str],
            what: str, counts: Counter[str] | None = None) -> list[LegendEntry]:
    entries = []
    for g in order:
        if colour[g] == OTHER_COLOUR:
            continue
        label = names.get(g, g)
        if counts is not None:
            label += f" ({counts[g]} service{'s' * (counts[g] != 1)})"
        entries.append(LegendEntry("colour", label, colour[g], _darker(colour[g]), key=g))
    others = sum(colour[g] == OTHER_COLOUR for g in order)
    if others:
        entries.append(LegendEntry("colour", f"{others} smaller {what}s (name in the tooltip)",
                                   OTHER_COLOUR, _darker(OTHER_COLOUR), key="other"))
    return entries


def group_kinds(city: City, core: Core | None = None) -> dict[str, str]:
    """Return group id → ``cluster`` (a unit of kind cluster) or ``other`` (another top-level
    unit: cabinet, strategic cell, agency, OCMW...) for every cluster(u) of the city.

    >>> from orggraph.examples import load_example
    >>> kinds = group_kinds(load_example("tiny"))
    >>> kinds["cluster-ruimte"], sorted(kinds.values()).count("other")
    ('cluster', 2)
    """
    core = Core(city) if core is None else core
    kind = {u.id: u.kind for u in city.units}
    return {g: "cluster" if kind[g] == UnitKind.cluster else "other"
            for g in dict.fromkeys(core.cluster.values())}


def _by_cluster(city: City, core: Core) -> tuple[dict[str, Fill], list[LegendEntry]]:
    clusters = core.cluster
    kinds = group_kinds(city, core)
    names = {u.id: u.name for u in city.units}
    order = [g for g in kinds if kinds[g] == "cluster"]
    colour = _assign(order, Counter(clusters.values()))
    colour.update({g: OTHER_TOP_COLOUR for g in kinds if kinds[g] == "other"})
    fills = {u.id: _plain(colour[clusters[u.id]], clusters[u.id]) if u.id in clusters
             else _plain(NEUTRAL_COLOUR, "root") for u in city.units}
    legend = _legend(order, colour, names, "cluster")
    n_other = sum(k == "other" for k in kinds.values())
    if n_other:
        legend.append(LegendEntry("colour", f"{n_other} other top-level unit"
                                  f"{'s' * (n_other != 1)} (cabinet, cell, agency, OCMW...)",
                                  OTHER_TOP_COLOUR, _darker(OTHER_TOP_COLOUR), key="other-top"))
    if core.root is not None:
        legend.append(LegendEntry("colour", "the organisation itself", NEUTRAL_COLOUR,
                                  _darker(NEUTRAL_COLOUR), key="root"))
    return fills, legend


def _by_groups(city: City, groups: dict[str, list[str]], colour: dict[str, str],
               names: dict[str, str], what: str,
               listed: list[str]) -> tuple[dict[str, Fill], list[LegendEntry]]:
    """Colour services by their groups (owners or domains); ``listed`` groups get a legend
    entry with their number of services, whether they hold some alone or only shared."""
    used: set[str] = set()
    counts: Counter[str] = Counter()
    fills: dict[str, Fill] = {}
    for unit in city.units:
        if unit.kind not in SERVICE_KINDS:
            fills[unit.id] = _plain(NEUTRAL_COLOUR, "neutral")
            used.add("neutral")
            continue
        found = groups.get(unit.id, [])
        counts.update(found)
        if len(found) == 1:
            fills[unit.id] = _plain(colour[found[0]], found[0])
        elif found:
            fills[unit.id] = Fill(MIXED_COLOUR, MIXED_BORDER, mixed=True,
                                  parts=tuple(colour[g] for g in found),
                                  keys=(*found, "mixed"))
            used.add("mixed")
        else:
            fills[unit.id] = _plain(NONE_COLOUR, "none")
            used.add("none")
    legend = _legend([g for g in colour if g in listed or counts[g]], colour, names, what,
                     counts)
    if "mixed" in used:
        legend.append(LegendEntry("colour", f"several {what}s: a slice in each one's colour",
                                  MIXED_COLOUR, MIXED_BORDER, width=3, key="mixed"))
    if "none" in used:
        legend.append(LegendEntry("colour", f"no {what}", NONE_COLOUR, _darker(NONE_COLOUR),
                                  key="none"))
    if "neutral" in used:
        legend.append(LegendEntry("colour", "not a service (root, cluster, department, ...)",
                                  NEUTRAL_COLOUR, _darker(NEUTRAL_COLOUR), key="neutral"))
    return fills, legend


def _by_alderman(city: City, core: Core) -> tuple[dict[str, Fill], list[LegendEntry]]:
    names = {p.id: p.name for p in city.college}
    owners = core.owners
    # Every member who owns or steers anything is listed, even one who only shares services.
    listed = [p.id for p in city.college if p.steers or any(p.id in o for o in owners.values())]
    return _by_groups(city, owners, member_colours(city, owners), names, "college member",
                      listed)


def _by_domain(city: City, core: Core) -> tuple[dict[str, Fill], list[LegendEntry]]:
    top = core.top_domain
    groups = {u.id: list(dict.fromkeys(top.get(d, d) for d in u.domains)) for u in city.units}
    services = {u.id for u in city.units if u.kind in SERVICE_KINDS}
    # Only domains some service works for get a colour: a taxonomy has more than the palette.
    used = list(dict.fromkeys(d for u in city.units if u.id in services for d in groups[u.id]))
    alone = Counter(groups[u][0] for u in services if len(groups[u]) == 1)
    colour = _assign(used, alone)
    names = {d.id: d.name for d in city.domains}
    return _by_groups(city, groups, colour, names, "top-level domain", used)


_COLOURINGS: dict[str, Callable[[City, Core], tuple[dict[str, Fill], list[LegendEntry]]]] = {
    "cluster": _by_cluster, "alderman": _by_alderman, "domain": _by_domain,
}


def colour_units(city: City, color_by: str,
                 core: Core | None = None) -> tuple[dict[str, Fill], list[LegendEntry]]:
    """Return unit id → :class:`Fill` and the legend entries of the colouring ``color_by``.

    ``core`` is the city's :class:`~orggraph.core.Core` when the caller already has one.
    """
    try:
        colouring = _COLOURINGS[color_by]
    except KeyError:
        raise OrggraphError(f"cannot colour a map by '{color_by}'; choose one of "
                            f"{', '.join(COLOR_BY)}.") from None
    return colouring(city, Core(city) if core is None else core)

