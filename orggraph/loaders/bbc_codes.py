"""Turn the bundled BBC code list into taxonomy domains, one per beleidsveld code.

A taxonomy file may point at a code list (``codes: {file: ..., parents: {...}}``); every code of
the list becomes a domain ``bbc-<code>`` named after its official label, hung under the most
specific domain of the taxonomy that the code belongs to:

1. the one domain whose ``bbc`` list names the code (when exactly one does);
2. else the domain given in ``parents`` for the code or its longest prefix;
3. else the top-level domain of its beleidsdomein (the first two digits).

Examples
--------
>>> rows = [CodeRow("0740", "Sportsector- en verenigingsondersteuning", "074 Sport")]
>>> taxonomy = [{"id": "culture-leisure", "name": "Cultuur en vrije tijd", "bbc": ["07"]},
...             {"id": "sport", "name": "Sport", "parent": "culture-leisure", "bbc": ["0740"]}]
>>> code_domains(rows, taxonomy, {})
[{'id': 'bbc-0740', 'name': 'Sportsector- en verenigingsondersteuning', 'parent': 'sport', \
'bbc': ['0740']}]
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["CODE_PREFIX", "CodeRow", "code_domains", "read_code_list"]

#: Prefix of the id of a code domain: ``bbc-0740``.
CODE_PREFIX = "bbc-"


class CodeRow(NamedTuple):
    """One beleidsveld of the code list: its four-digit code, label and subdomain."""

    code: str
    label: str
    subdomain: str


def read_code_list(path: Path) -> list[CodeRow]:
    """Read a tab-separated code list (``subdomein``, ``code``, ``label``; ``#`` lines skipped)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [CodeRow(row["code"], row["label"], row["subdomein"])
            for row in csv.DictReader(lines, delimiter="\t")]


def code_domains(rows: list[CodeRow], taxonomy: list[dict[str, Any]],
                 parents: dict[str, str]) -> list[dict[str, Any]]:
    """Return one domain dict per code row, each hung under its place in ``taxonomy``."""
    claimed: dict[str, list[str]] = defaultdict(list)
    tops: dict[str, str] = {}
    for domain in taxonomy:
        for code in domain.get("bbc", []):
            if domain.get("parent"):
                claimed[code].append(domain["id"])
            else:
                tops[code] = domain["id"]
    return [{"id": CODE_PREFIX + row.code, "name": row.label,
             "parent": _parent(row.code, claimed, parents, tops), "bbc": [row.code]}
            for row in rows]


def _parent(code: str, claimed: dict[str, list[str]], parents: dict[str, str],
            tops: dict[str, str]) -> str:
    if len(claimed.get(code, [])) == 1:
        return claimed[code][0]
    for length in range(len(code), 1, -1):
        if code[:length] in parents:
            return parents[code[:length]]
    return tops[code[:2]]
