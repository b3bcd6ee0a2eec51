"""Read a constraints file and add the command-line options to it.

Problems in the file carry its name and line; problems in options say which option. ``--keep``
takes ``member:ID``, ``domain:ID`` or ``item:TITLE``; a bare value is tried as a member, then a
domain, then an item title.

>>> from orggraph.examples import load_example
>>> c, _ = constraints_from(None, {"keep": ["an-peeters"], "weight": ["domains_split=2"]},
...                         load_example("tiny"))
>>> c.keep.members, c.weights.domains_split
(['an-peeters'], 2.0)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from orggraph.errors import InvalidDataError, Problem
from orggraph.loaders.sources import Origin, SourceFile
from orggraph.loaders.suggest import did_you_mean
from orggraph.propose.constraints import FORMAT, Constraints, Weights
from orggraph.propose.rules import Locate
from orggraph.schemas.dataset import City

__all__ = ["constraints_from", "read_constraints"]


def read_constraints(path: Path) -> tuple[dict[str, Any], SourceFile]:
    """Return the raw mapping of a constraints file and its source (for lines)."""
    if not path.is_file():
        raise InvalidDataError([Problem(path, None, "no such constraints file.")])
    try:
        source = SourceFile(path, path.read_text(encoding="utf-8-sig"))
        data = (json.loads(source.text) if path.suffix.lower() == ".json"
                else YAML(typ="safe").load(source.text))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidDataError([Problem(path, None, f"cannot be read as text: {error}.")]
                               ) from None
    except json.JSONDecodeError as error:
        raise InvalidDataError([Problem(path, error.lineno, f"is not valid JSON: {error.msg}.")]
                               ) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InvalidDataError([Problem(path, mark.line + 1 if mark else None,
                                        f"is not valid YAML: {error.problem}.")]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidDataError([Problem(path, 1, "a constraints file is a mapping (keep, "
                                        "items_per_member, balance, ...).")])
    data.setdefault("format", FORMAT)
    return data, source


def _validate(data: dict[str, Any], source: SourceFile | None) -> Constraints:
    try:
        return Constraints.model_validate(data)
    except ValidationError as error:
        problems = []
        for e in error.errors():
            where = " → ".join(str(p) for p in e["loc"]) or "the file"
            if e["type"] == "extra_forbidden":
                fields = list(Constraints.model_fields) if len(e["loc"]) == 1 else []
                text = f"unknown field `{where}`." + did_you_mean(str(e["loc"][-1]), fields)
            else:
                text = f"`{where}`: {e['msg'][0].lower()}{e['msg'][1:]} (got {e.get('input')!r})."
            origin = Origin(source, tuple(e["loc"]))
            problems.append(origin.problem(text) if source else Problem(None, None, text))
        raise InvalidDataError(problems) from None


def _keep(value: str, city: City, keep: dict[str, list[str]]) -> Problem | None:
    members = [p.id for p in city.college]
    domains = [d.id for d in city.domains]
    titles = [i.title for p in city.college for i in p.portfolio]
    kind, _, rest = value.partition(":")
    if rest and kind in ("member", "domain", "item"):
        keep[{"member": "members", "domain": "domains", "item": "items"}[kind]].append(rest)
        return None
    for section, known in (("members", members), ("domains", domains), ("items", titles)):
        if value in known:
            keep[section].append(value)
            return None
    return Problem(None, None, f"--keep {value}: no college member, domain or portfolio item "
                   "has this id or title." + did_you_mean(value, [*members, *domains, *titles])
                   + " Write member:ID, domain:ID or item:TITLE.")


def _weights(pairs: list[str], data: dict[str, Any]) -> list[Problem]:
    problems = []
    weights = data.setdefault("weights", {})
    for pair in pairs:
        term, _, number = pair.partition("=")
        if term not in Weights.model_fields:
            problems.append(Problem(None, None, f"--weight {pair}: '{term}' is not a term."
                                    + did_you_mean(term, Weights.model_fields) + " Terms: "
                                    + ", ".join(Weights.model_fields) + "."))
            continue
        try:
            weights[term] = float(number)
        except ValueError:
            problems.append(Problem(None, None, f"--weight {pair}: write TERM=NUMBER, e.g. "
                                    "domains_split=0.5."))
    return problems


def _merge(data: dict[str, Any], options: dict[str, Any], city: City) -> list[Problem]:
    problems = []
    keep = data.setdefault("keep", {})
    lists = {k: list(keep.get(k, [])) for k in ("items", "domains", "members")}
    for value in options.get("keep", []):
        if (problem := _keep(value, city, lists)) is not None:
            problems.append(problem)
    data["keep"] = {**keep, **lists}
    for key, option in (("items_per_member", "items"), ("domains_per_member", "domains")):
        for end in ("min", "max"):
            if options.get(f"{end}_{option}") is not None:
                data.setdefault(key, {})[end] = options[f"{end}_{option}"]
    if options.get("balance") is not None:
        data["balance"] = {"measure": options.get("balance_by", "services"),
                           "band": options["balance"]}
    data["no_new_domains"] = [*data.get("no_new_domains", []), *options.get("no_new_domains", [])]
    data["together"] = [*data.get("together", []),
                        *([d.strip() for d in g.split(",") if d.strip()]
                          for g in options.get("together", []))]
    for key, option in (("max_upheaval", "max_upheaval"), ("max_units_moved", "max_moves")):
        if options.get(option) is not None:
            data[key] = options[option]
    if options.get("allow_moves"):
        data["allow_moves"] = True
    if options.get("mayor_keeps_police") is False:
        data["mayor_keeps_police"] = False
    return problems + _weights(options.get("weight", []), data)


def _locator(source: SourceFile | None, raw: dict[str, Any]) -> Locate:
    def locate(path: tuple[Any, ...], message: str) -> Problem:
        node: Any = raw
        for key in path:  # from the file when the value is there, else from an option
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return Problem(None, None, message + " (from a command-line option)")
        return Origin(source, path).problem(message) if source else Problem(None, None, message)

    return locate


def constraints_from(path: Path | None, options: dict[str, Any],
                     city: City) -> tuple[Constraints, Locate]:
    """Return the constraints of ``path`` (if any) with ``options`` added, and a locator."""
    data, source = read_constraints(path) if path is not None else ({}, None)
    raw = json.loads(json.dumps(data))
    problems = _merge(data, options, city)
    if problems:
        raise InvalidDataError(problems)
    return _validate(data, source), _locator(source, raw)
