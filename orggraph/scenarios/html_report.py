"""The scenario report: one self-contained HTML page a college member can read offline.

It holds a short guide to reading it, a summary per scenario, one bar chart per headline index
(inline SVG), the full table of metrics, the list of changes in sentences and, per scenario, a
map with the changed units marked. Every name from the data is HTML-escaped; nothing is loaded
from the network.

>>> from orggraph.examples import load_example
>>> from orggraph.scenarios.compare import compare
>>> from orggraph.schemas.scenario import Scenario
>>> page = render_report(compare(load_example("tiny"), [Scenario(name="As is")]), maps=False)
>>> page.startswith("<!DOCTYPE html>") and "As is" in page
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from orggraph.files import write_atomic
from orggraph.numbers import format_change, format_number
from orggraph.queries import DIRECTION, HEADLINE_KEYS, LABELS, METRIC_KEYS
from orggraph.queries.keys import INDEX_KEYS
from orggraph.scenarios.compare import Comparison, ScenarioResult, compare
from orggraph.scenarios.diff import KINDS
from orggraph.scenarios.load import load_scenario
from orggraph.scenarios.output import HEADINGS

__all__ = ["EXPLAIN", "bar_chart", "example_scenarios", "render_report", "write_example_report",
           "write_report"]

#: What each headline metric says, in a sentence for readers who are not analysts.
EXPLAIN = {
    "transversality_index": "How much the organisation works across its own boundaries "
    "(0–100; higher is more transversal).",
    "coherence_index": "How well portfolios and clusters line up: one alderman per cluster, "
    "one cluster per alderman, domains not split (0–100; higher is more coherent).",
    "portfolio_cluster_alignment": "Share of each alderman's services that sit in their main "
    "cluster (1 = every alderman deals with one cluster).",
    "cluster_portfolio_alignment": "Share of each cluster's services that answer to its main "
    "alderman (1 = every cluster answers to one alderman).",
    "domains_split": "Policy domains held by two college members or more (lower is better).",
    "share_transversal_programmes": "Share of programmes that bring together two clusters or "
    "more.",
    "transversal_coverage": "Share of services that take part in such a cross-cluster "
    "programme.",
    "ei_index": "Programme ties between clusters minus ties within clusters, from −1 (all "
    "within) to +1 (all between).",
    "quadruple_helix_share": "Share of programmes with business, knowledge institutions and "
    "civil society or citizens on board.",
}
COLOURS = {"base": "#8a8f98", "better": "#1b7f3b", "worse": "#c0392b", "same": "#4a6fa5",
           "neutral": "#4a6fa5", None: "#4a6fa5"}
ITEM_WORDS = ("portfolio item changes", "portfolio items change")
#: Metrics on a 0–100 scale, whose changes read best with one decimal.
WORDS = {"better": "better", "worse": "worse", "same": "unchanged", "neutral": "changed"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;
background:#f6f7f9;line-height:1.45}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:1.7em;margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:2px solid #dde1e6;
padding-bottom:.2em}h3{margin:.2em 0}
.lead{font-size:1.05em;max-width:60em}
.cards{display:flex;flex-wrap:wrap;gap:14px}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 16px;
flex:1 1 260px;max-width:380px}
.card .big{font-size:1.25em;font-weight:600}
.better{color:#1b7f3b;font-weight:600}.worse{color:#c0392b;font-weight:600}
.same,.neutral{color:#4a5566}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:14px}
figure{background:#fff;border:1px solid #dde1e6;border-radius:8px;margin:0;padding:10px 12px}
figcaption{font-weight:600}figure p{margin:.2em 0 .5em;font-size:.9em;color:#4a5566}
table{border-collapse:collapse;background:#fff;font-size:.92em}
th,td{border:1px solid #dde1e6;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
thead th{background:#eef1f4;position:sticky;top:0}
tr.headline td{font-weight:600}
.tablewrap{overflow-x:auto}
section.scenario{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 18px;
margin:16px 0}
.legend span{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 12px;
vertical-align:middle}
.nomap{color:#4a5566;font-style:italic}
"""


def _number(value: float | int | None) -> str:
    return escape(format_number(value, "scenario"))


def _change_words(result: ScenarioResult, key: str) -> str:
    change = result.delta(key)
    judged = result.verdict(key)
    if change is None:
        return '<span class="same">no value</span>'
    if change == 0:
        return '<span class="same">unchanged</span>'
    shown = format_change(change, index=key in INDEX_KEYS)
    return (f'<span class="{judged}">{escape(shown)} '
            f"({WORDS.get(judged or '', 'changed')})</span>")


def bar_chart(key: str, comparison: Comparison) -> str:
    """Return an inline SVG bar chart of metric ``key``: the base, then each scenario."""
    rows = [("Base (today)", comparison.base.metrics.get(key), "base")]
    rows += [(r.name, r.value(key), r.verdict(key)) for r in comparison.scenarios]
    values = [v for _, v, _ in rows if v is not None]
    low = min([0.0, *values])
    high = max([0.0, *values]) or 1.0
    label_w, bar_w, row_h = 205, 150, 26
    width, height = label_w + bar_w + 60, row_h * len(rows) + 8
    zero = label_w + bar_w * (0 - low) / (high - low)
    parts = [f'<svg viewBox="0 0 {width} {height}" style="width:100%;max-width:{width * 1.3}px" '
             f'role="img" aria-label="{escape(LABELS.get(key, key))}">']
    for i, (name, value, judged) in enumerate(rows):
        y = 4 + i * row_h
        short = name if len(name) <= 26 else name[:25] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="12">'
                     f"<title>{escape(name)}</title>{escape(short)}</text>")
        if value is None:
            parts.append(f'<text x="{label_w + 4}" y="{y + 17}" font-size="12" fill="#4a5566">'
                         "no value</text>")
            continue
        end = label_w + bar_w * (value - low) / (high - low)
        x, w = min(zero, end), max(abs(end - zero), 1.5)
        colour = COLOURS.get(judged, COLOURS[None])
        parts.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                     f'fill="{colour}" rx="2"/>')
        parts.append(f'<text x="{max(x + w, zero) + 4:.1f}" y="{y + 17}" font-size="12">'
                     f"{_number(value)}</text>")
    parts.append(f'<line x1="{zero:.1f}" y1="2" x2="{zero:.1f}" y2="{height - 2}" '
                 'stroke="#1d2430" stroke-width="1"/></svg>')
    return "".join(parts)


def _title(key: str) -> str:
    """Return a metric's label as a heading ('E–I index', 'Coherence index')."""
    label = LABELS.get(key, key)
    return label.capitalize() if label.isupper() else label[:1].upper() + label[1:]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _cards(comparison: Comparison) -> str:
    cards = []
    for r in comparison.scenarios:
        lines = "".join(
            f"<div>{escape(_title(k))}: <span class='big'>"
            f"{_number(r.value(k))}</span> {_change_words(r, k)}</div>"
            for k in ("transversality_index", "coherence_index"))
        cards.append(
            f"<div class='card'><h3>{escape(r.name)}</h3>"
            f"<p>{escape(r.description or '')}</p>{lines}"
            f"<div>Upheaval: {_count(r.diff.units_moved, 'unit changes', 'units change')} "
            f"cluster, {_count(r.diff.items_reassigned, ITEM_WORDS[0], ITEM_WORDS[1])} "
            "hands.</div></div>")
    return f"<div class='cards'>{''.join(cards)}</div>"


def _charts(comparison: Comparison) -> str:
    figures = [f"<figure><figcaption>{escape(_title(k))}</figcaption>"
               f"<p>{escape(EXPLAIN.get(k, ''))}</p>{bar_chart(k, comparison)}</figure>"
               for k in HEADLINE_KEYS]
    legend = ("<p class='legend'>Bars:<span style='background:#8a8f98'></span>base"
              "<span style='background:#1b7f3b'></span>better than the base"
              "<span style='background:#c0392b'></span>worse than the base"
              "<span style='background:#4a6fa5'></span>unchanged</p>")
    return legend + f"<div class='charts'>{''.join(figures)}</div>"


def _table(comparison: Comparison) -> str:
    head = "".join(f"<th>{escape(r.name)}</th>" for r in comparison.scenarios)
    rows = []
    for key in METRIC_KEYS:
        cells = "".join(f"<td>{_number(r.value(key))}" + (
            f"<br><small>{_change_words(r, key)}</small>" if r.delta(key) else "") + "</td>"
            for r in comparison.scenarios)
        better = {1: "higher is better", -1: "lower is better"}.get(DIRECTION.get(key, 0), "")
        cls = " class='headline'" if key in HEADLINE_KEYS else ""
        rows.append(f"<tr{cls}><td>{escape(LABELS.get(key, key))}<br><small>{better}</small>"
                    f"</td><td>{_number(comparison.base.metrics.get(key))}</td>{cells}</tr>")
    for key, label in (("units_moved", "units moved to another cluster"),
                       ("items_reassigned", "portfolio items reassigned")):
        cells = "".join(f"<td>{getattr(r.diff, key)}</td>" for r in comparison.scenarios)
        rows.append(f"<tr><td>{label}<br><small>upheaval</small></td><td>0</td>{cells}</tr>")
    return (f"<div class='tablewrap'><table><thead><tr><th>metric</th><th>base (today)</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _changes(result: ScenarioResult) -> str:
    blocks = []
    for kind in KINDS:
        found = result.diff.of_kind(kind)
        if found:
            items = "".join(f"<li>{escape(d.text)}</li>" for d in found)
            blocks.append(f"<h4>{escape(HEADINGS[kind])}</h4><ul>{items}</ul>")
    return "".join(blocks) or "<p>No differences from the base.</p>"


def _scenario_maps(comparison: Comparison) -> Any:
    """The shared-layout maps of the report, or None when maps are not installed."""
    try:
        from orggraph.maps.scenario_maps import ScenarioMaps
    except ImportError:  # the map module is optional for a report
        return None
    return ScenarioMaps(comparison.base_city, comparison.scenarios[0].base
                        if comparison.scenarios else None)


def _base_map(maps: Any) -> str:
    if maps is None:
        return "<p class='nomap'>Maps are not available in this installation.</p>"
    return ("<h2>The organisation today</h2>\n<p>Every scenario's map below keeps these "
            "positions: only what a scenario changes is marked. Ctrl + scroll zooms a map; "
            "click a legend entry, a unit or a programme to focus on it.</p>"
            + maps.base_html("base-map"))


def _map(result: ScenarioResult, index: int, maps: Any) -> str:
    if maps is None:
        return ""
    from orggraph.maps.scenario_maps import movements, scenario_colouring

    units = {u.id for u in result.city.units}
    highlight = result.diff.changed_units & units
    color_by = scenario_colouring(d.kind for d in result.diff.differences)
    moved = movements(maps.base, result.city, result.diff.differences)
    listing = ("<h4>Movements</h4><ul class='moves'>"
               + "".join(f"<li>{escape(line)}</li>" for line in moved) + "</ul>") if moved else ""
    colouring = ("each unit coloured by its cluster" if color_by == "cluster"
                 else "each service coloured by the college member it answers to")
    return (f"<p>The map shows the organisation after this scenario on the same layout as "
            f"today's, {colouring}; the units this scenario changes are marked.</p>"
            + maps.scenario_html(result.city, f"scenario-map-{index}",
                                 f"{result.city.city.name}: {result.name}", color_by,
                                 highlight, metrics=result.metrics)
            + listing)


def _library(maps: bool) -> str:
    if not maps:
        return ""
    try:
        from orggraph.maps import vis_library_html
    except ImportError:
        return ""
    return vis_library_html()


def render_report(comparison: Comparison, maps: bool = True) -> str:
    """Return the report page of ``comparison`` (with a map per scenario when ``maps``)."""
    city = comparison.base_city.city
    title = f"{city.name}: redesign scenarios compared"
    sections = []
    shared = _scenario_maps(comparison) if maps else None
    for i, r in enumerate(comparison.scenarios, start=1):
        body = _changes(r) + (_map(r, i, shared) if maps else "")
        sections.append(f"<section class='scenario'><h3>Scenario {i}: {escape(r.name)}</h3>"
                        f"<p>{escape(r.description or '')}</p>{body}</section>")
    legislature = f" (legislature {escape(city.legislature)})" if city.legislature else ""
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n{_library(maps)}</head>\n"
        f"<body><main>\n<h1>{escape(title)}</h1>\n"
        f"<p class='lead'>The base is {escape(city.name)} as it is organised today"
        f"{legislature}. Each scenario redistributes portfolios among the college or regroups "
        "services. For every scenario you see what it does to the numbers, compared with the "
        "base: <span class='better'>green means better</span> for working across boundaries "
        "(transversality) or for a coherent division of tasks (coherence), "
        "<span class='worse'>red means worse</span>. 'Upheaval' counts the services that change "
        "cluster and the portfolio items that change hands: the cost of the redesign.</p>\n"
        f"<h2>At a glance</h2>\n{_cards(comparison)}\n"
        f"<h2>The main figures</h2>\n{_charts(comparison)}\n"
        f"<h2>All figures</h2>\n{_table(comparison)}\n"
        + (_base_map(shared) + "\n" if maps else "")
        + f"<h2>What each scenario changes</h2>\n{''.join(sections)}\n"
        "</main></body>\n</html>\n")


def write_report(base_path: Path | str, scenario_paths: Sequence[Path | str],
                 out_path: Path | str, maps: bool = True) -> Path:
    """Load a base dataset and scenario files, compare them and write the HTML report.

    The base given here is used even when a scenario's ``base`` names another file. The file
    appears only once complete. Returns ``out_path``.
    """
    from orggraph.loaders import load

    base = load(base_path)
    scenarios = [load_scenario(p) for p in scenario_paths]
    comparison = compare(base, scenarios, spanners=False)  # the report does not show them
    return write_atomic(out_path, render_report(comparison, maps=maps))


def example_scenarios(city: str) -> list[Path]:
    """Return the example scenario files of an example city (``examples/scenarios/<city>-*``).

    >>> [p.name for p in example_scenarios("aalst")][:1]
    ['aalst-economie.yaml']
    """
    from orggraph.examples import examples_dir

    return sorted((examples_dir() / "scenarios").glob(f"{city}-*.yaml"))


def write_example_report(city: str, out_path: Path | str, maps: bool = True) -> Path:
    """Write the scenario report of an example city (``aalst``, ``gent``, ...) to ``out_path``.

    This is what ``orggraph demo`` shows; it raises :class:`~orggraph.errors.OrggraphError` when
    the city has no example scenarios.
    """
    from orggraph.errors import OrggraphError
    from orggraph.examples import example_path

    scenarios = example_scenarios(city)
    if not scenarios:
        raise OrggraphError(f"the example city '{city}' has no example scenarios in "
                            "examples/scenarios/.")
    return write_report(example_path(city), scenarios, out_path, maps=maps)
