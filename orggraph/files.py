"""Write output files atomically: complete, or not at all.

Every file orggraph writes (datasets, maps, reports, metric tables, schemas) goes to a temporary
file beside its target, which is renamed over the target only once it is complete. A failure
(a full disk, a bug half-way, Ctrl-C) leaves no broken file and the previous version untouched.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_atomic(Path(folder) / "out.txt", "hallo\\n")
...     path.read_text()
'hallo\\n'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from orggraph.errors import ExportError

__all__ = ["write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path | str, content: str | Callable[[TextIO], None]) -> Path:
    """Write ``content`` (text, or a function writing to a handle) to ``path`` atomically.

    Raises :class:`~orggraph.errors.ExportError` with a plain message when the folder is missing
    or not writable; any other error propagates after the temporary file is removed.
    """
    given = Path(path)
    path = _target(given)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist; create it "
                          "first or choose another output file.")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror}; check that you may write "
                          f"in {folder}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if isinstance(content, str):
                handle.write(content)
            else:
                content(handle)
        # mkstemp makes the file private; an output file is an ordinary, shareable file.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(f"cannot write {path}: {error.strerror}.") from None
        raise
    return given


def _target(path: Path) -> Path:
    """Return the file to replace for ``path``: where a symbolic link points (the link stays a
    link), refusing anything that is not a regular file (a folder, a named pipe, a device)."""
    if path.is_symlink():
        try:
            path = path.resolve(strict=False)
        except (OSError, RuntimeError):
            raise ExportError(f"cannot write {path}: it is a symbolic link that leads in a loop; "
                              "choose another output file.") from None
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file (a named pipe or a device)"
        raise ExportError(f"cannot write {path}: it is {what}; choose a file name.")
    return path
