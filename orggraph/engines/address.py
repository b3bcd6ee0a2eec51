"""Show a server address without the password in it.

Both :mod:`orggraph.engines.connect` (which reads addresses) and the engines (which name the
server they talk to in messages) need this; it lives below both so that neither imports the other.
Masking works on the text itself, so that an address too broken to parse (a port that is not a
number, an unclosed ``[``) is still shown without its password.

>>> mask_uri("redis://ann:secret@db:6379")
'redis://ann:***@db:6379'
"""

from __future__ import annotations

import re

__all__ = ["hide_secrets", "mask_uri"]

# scheme://userinfo@ — the userinfo ends at the last '@' before the path, query or fragment.
_USERINFO = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<userinfo>[^/?#]*)@")


def mask_uri(uri: str) -> str:
    """Return ``uri`` with any password in it replaced by ``***``; never raises.

    >>> mask_uri("bolt://neo4j:pw@db:7687"), mask_uri("bolt://db:7687")
    ('bolt://neo4j:***@db:7687', 'bolt://db:7687')
    >>> mask_uri("neo4j+s://u:p@ss@[::1:7687/db?x=1"), mask_uri("redis://:pw@h:notaport")
    ('neo4j+s://u:***@[::1:7687/db?x=1', 'redis://:***@h:notaport')
    """
    match = _USERINFO.match(uri)
    if match is None:
        return uri
    user, colon, _ = match["userinfo"].partition(":")
    shown = f"{user}:***" if colon else user
    return f"{match['scheme']}{shown}@{uri[match.end():]}"


def hide_secrets(text: str, uri: str | None, *secrets: str | None) -> str:
    """Return ``text`` (say, a driver's error message) with ``uri`` masked and ``secrets`` hidden.

    >>> hide_secrets("bad address bolt://n:S3cret@h:1 (S3cret)", "bolt://n:S3cret@h:1")
    'bad address bolt://n:***@h:1 (***)'
    """
    if uri:
        text = text.replace(uri, mask_uri(uri))
        match = _USERINFO.match(uri)
        if match:
            secrets = (*secrets, match["userinfo"].partition(":")[2])
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
