"""Map beleidsdomein labels, each municipality's own wording, onto the domains of a dataset.

A label is first looked up, folded (lower case, no accents, single spaces), in the curated
synonym table ``beleidsdomein_synonyms.yaml``, then among the portfolio titles of the
bundled real-city examples as they are mapped there (:func:`example_titles`), then among the
domain names; then fuzzy-matched (difflib's ratio, at least :data:`CUTOFF`) against all of
them. A label that stays unmatched is never dropped silently: the caller gets the closest
candidates to report.

Examples
--------
>>> from orggraph.loaders.taxonomy import taxonomy_domains
>>> matcher = DomainMatcher(taxonomy_domains("bbc"))
>>> matcher.match("Lokale Economie").domain, matcher.match("Jeugd ").domain
('economic-development', 'youth')
>>> matcher.match("Sportt").domain                       # fuzzy
'sport'
>>> hit = matcher.match("Ruimtevaart"); hit.domain is None, len(hit.candidates) > 0
(True, True)
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

__all__ = ["CUTOFF", "DomainMatch", "DomainMatcher", "example_titles", "fold", "synonyms"]

#: The lowest difflib ratio a fuzzy match may have.
CUTOFF = 0.85


def fold(label: str) -> str:
    """Return ``label`` in lower case ASCII with single spaces.

    >>> fold("  Financiën  en Begroting")
    'financien en begroting'
    """
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain.lower()).strip()


@cache
def synonyms() -> dict[str, str]:
    """Return the curated table: folded label -> domain id."""
    text = (resources.files("orggraph") / "interop" / "beleidsdomein_synonyms.yaml").read_text(
        encoding="utf-8")
    return {fold(str(k)): str(v) for k, v in YAML(typ="safe").load(text).items()}


@cache
def example_titles() -> dict[str, str]:
    """Return folded portfolio title -> domain, from the real-city examples (the most common
    domain where a title is mapped differently; the first city's on a tie)."""
    from collections import Counter

    from orggraph.errors import OrggraphError
    from orggraph.examples import CITY_EXAMPLES, PARTIAL_CITY_EXAMPLES, load_example

    votes: dict[str, Counter] = {}
    for name in (*CITY_EXAMPLES, *PARTIAL_CITY_EXAMPLES):
        try:
            city = load_example(name)
        except OrggraphError:  # an installed copy without the examples matches without them
            continue
        for person in city.people:
            for item in person.portfolio:
                votes.setdefault(fold(item.title), Counter())[item.domain] += 1
    return {title: counter.most_common(1)[0][0] for title, counter in votes.items()}


@dataclass(frozen=True)
class DomainMatch:
    """The domain a label maps to (None when none fits), how, and the closest candidates."""

    label: str
    domain: str | None
    how: str
    candidates: tuple[tuple[str, str], ...] = ()


class DomainMatcher:
    """Match labels against the domains (dicts or models with ``id`` and ``name``) given."""

    def __init__(self, domains: list[Any]):
        def get(d, key):
            return d[key] if isinstance(d, dict) else getattr(d, key)

        self.names = {get(d, "id"): get(d, "name") for d in domains}
        self.table: dict[str, str] = {}
        # Curated domains win over BBC code domains of the same name (Parkeren -> parking), and
        # the synonym table wins over both (Kinderopvang -> childcare-family, not code 0945).
        for ident, name in sorted(self.names.items(), key=lambda kv: kv[0].startswith("bbc-")):
            self.table.setdefault(fold(name), ident)
            self.table.setdefault(fold(ident), ident)
        self.table.update({k: v for k, v in example_titles().items() if v in self.names})
        self.table.update({k: v for k, v in synonyms().items() if v in self.names})

    def match(self, label: str) -> DomainMatch:
        """Return the domain for ``label``, or the closest candidates when none is close."""
        key = fold(label)
        if key in self.table:
            return DomainMatch(label, self.table[key], "exact")
        words = key.split()
        scored = sorted(((max(difflib.SequenceMatcher(None, key, known).ratio(),
                              # a word of a longer label that looks like a known label
                              0.9 * max(difflib.SequenceMatcher(None, w, known).ratio()
                                        for w in words or [key])), known)
                         for known in self.table), reverse=True)
        whole = max(self.table, key=lambda known: difflib.SequenceMatcher(None, key, known).ratio(),
                    default=None)
        if whole and difflib.SequenceMatcher(None, key, whole).ratio() >= CUTOFF:
            return DomainMatch(label, self.table[whole], "fuzzy")
        seen: dict[str, str] = {}
        for _, known in scored:
            ident = self.table[known]
            seen.setdefault(ident, self.names[ident])
            if len(seen) == 3:
                break
        return DomainMatch(label, None, "none", tuple(seen.items()))
