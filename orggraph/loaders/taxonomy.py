"""Bundled policy-domain taxonomies that datasets share so that cities can be compared.

A dataset says ``taxonomy: bbc`` instead of listing its own domains; the loader then adds the
taxonomy's domains to the dataset (own ``domains`` may still be listed next to it, hanging
under a taxonomy domain). A taxonomy may also name a code list (``codes:``); every code in it
becomes a domain as well (see :mod:`orggraph.loaders.bbc_codes`).

>>> [d["id"] for d in taxonomy_domains("bbc") if "parent" not in d][:3]
['finance', 'governance', 'mobility']
>>> sum(d["id"].startswith("bbc-") for d in taxonomy_domains("bbc"))
142
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["available_taxonomies", "taxonomy_domains", "taxonomy_path"]


def _folder():
    from importlib import resources  # here: most datasets name no taxonomy

    return resources.files("orggraph") / "taxonomy"


def available_taxonomies() -> list[str]:
    """Return the names of the bundled taxonomies."""
    return sorted(p.name.removesuffix(".yaml") for p in _folder().iterdir()
                  if p.name.endswith(".yaml"))


def taxonomy_path(name: str) -> Path:
    """Return the path of a bundled taxonomy file."""
    return Path(str(_folder() / f"{name}.yaml"))


@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    from orggraph.loaders.quick_yaml import read_yaml  # only for a dataset naming a taxonomy

    data = read_yaml(taxonomy_path(name).read_text(encoding="utf-8"))
    domains = list(data["domains"])
    if "codes" in data:
        from orggraph.loaders.bbc_codes import code_domains, read_code_list

        rows = read_code_list(taxonomy_path(name).parent / data["codes"]["file"])
        domains += code_domains(rows, domains, dict(data["codes"].get("parents", {})))
    return tuple(domains)


def taxonomy_domains(name: str) -> list[dict[str, Any]]:
    """Return the domains of a bundled taxonomy as plain dicts (copies)."""
    return [dict(d) for d in _load(name)]
