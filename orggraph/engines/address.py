"""Show a server address without the password in it.

Both :mod:`orggraph.engines.connect` (which reads addresses) and the engines (which name the
server they talk to in messages) need this; it lives below both so that neither imports the other.

>>> mask_uri("redis://ann:secret@db:6379")
'redis://ann:***@db:6379'
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["mask_uri"]


def mask_uri(uri: str) -> str:
    """Return ``uri`` with any password in it replaced by ``***``.

    >>> mask_uri("bolt://neo4j:pw@db:7687"), mask_uri("bolt://db:7687")
    ('bolt://neo4j:***@db:7687', 'bolt://db:7687')
    """
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}:***@" if parts.username else "***@"
    return parts._replace(netloc=user + host).geturl()
