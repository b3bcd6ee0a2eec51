"""What an import gives back: the dataset document, what is missing, what did not match.

>>> slug("Björn Anseeuw"), slug("Sint-Niklaas")
('bjorn-anseeuw', 'sint-niklaas')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from orggraph.errors import OrggraphError

__all__ = ["ImportFailed", "ImportResult", "Unmatched", "slug"]


class ImportFailed(OrggraphError):
    """A file could not be imported: unreadable as the format asked for, or lacking a part."""


@dataclass(frozen=True)
class Unmatched:
    """A beleidsdomein label that matched no domain, with the closest domains (id, name)."""

    person: str
    label: str
    candidates: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        near = "; ".join(f"{ident} ({name})" for ident, name in self.candidates) or "none"
        return f"{self.person}: '{self.label}' matches no domain; closest: {near}"


@dataclass
class ImportResult:
    """An imported dataset document (``format: orggraph/1``) and what the user should know.

    ``missing`` says which parts the source did not carry; ``unmatched`` lists the portfolio
    labels that were left out because no domain fits them.
    """

    doc: dict[str, Any]
    missing: list[str] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)


def slug(text: str) -> str:
    """Return ``text`` as an id: lower case ASCII words joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"
