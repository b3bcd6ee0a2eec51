"""Node labels that wrap at word boundaries, never inside a word.

vis-network's own width constraint breaks long Dutch words anywhere ("armoedebestrijdin|g"); the
map wraps names itself and sends them with line breaks.

>>> wrap("Regie armoedebestrijding en sociale cohesie")
'Regie\\narmoedebestrijding en\\nsociale cohesie'
>>> wrap("Een heel lange naam die niet op drie regels past", width=10)
'Een heel\\nlange naam\\ndie niet…'
"""

from __future__ import annotations

__all__ = ["wrap"]


def wrap(text: str, width: int = 22, lines: int = 3) -> str:
    """Return ``text`` broken into at most ``lines`` lines of about ``width`` characters.

    Words are never split: a word longer than ``width`` gets a line of its own. Text beyond the
    last line is cut with an ellipsis (the full name stays in the tooltip and details).
    """
    out: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1] + "…"
    return "\n".join(out)
