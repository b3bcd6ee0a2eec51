"""Read dataset files (YAML, JSON, CSV unit tables, directories) into plain sections.

Parsing is fast and keeps no positions; line numbers are looked up only when something is wrong,
by re-reading the file with ruamel.yaml's round-trip loader, which records where every key and
item stands. JSON is read the same way, since YAML 1.2 reads JSON.

Examples
--------
>>> from orggraph.examples import example_path
>>> raw = read_dataset(example_path("tiny"))
>>> raw.city[0]["id"]
'tiny'
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from orggraph.errors import InvalidDataError, Problem
from orggraph.loaders.gcpause import gc_paused
from orggraph.loaders.limits import (
    MAX_FILE_BYTES,
    MAX_OPEN_BRACKETS,
    MAX_YAML_BYTES,
    check_shape,
    excerpt,
    line_of_long_number,
    open_brackets,
)

__all__ = ["CSV_COLUMNS", "DATA_SUFFIXES", "Origin", "RawDataset", "SourceFile", "is_scenario_file",
           "read_dataset"]

DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
#: Columns a CSV unit table may have; ``domains`` holds ids separated by ``;``.
CSV_COLUMNS = ("id", "name", "kind", "parent", "fte", "budget", "domains", "support", "legal_form")
TOP_LEVEL_KEYS = ("format", "city", "taxonomy", "domains", "units", "bodies", "people",
                  "challenges", "programmes", "partners")


@dataclass(eq=False)
class SourceFile:
    """One file of a dataset; finds the line of a path inside it on demand."""

    path: Path
    text: str

    @cached_property
    def _tree(self) -> Any:
        from ruamel.yaml import YAML  # only when a problem needs its line: a JSON file never

        try:
            return YAML(typ="rt").load(self.text)
        except Exception:  # noqa: BLE001 - positions are a courtesy; the data already parsed
            return None

    def line_of(self, where: tuple[Any, ...]) -> int | None:
        """Return the 1-based line of the deepest part of ``where`` found in the file."""
        if self.path.suffix == ".csv":
            return where[0] if where and isinstance(where[0], int) else None
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node, line = self._tree, None
        for key in where:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0]
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line = node.lc.item(key)[0]
                node = node[key]
            else:
                break
        return None if line is None else line + 1


class Origin(NamedTuple):
    """Where an item of a section comes from: a file and the path to it inside that file.

    A named tuple rather than a frozen dataclass: a large dataset makes one per entry, and a
    tuple is built several times faster.
    """

    source: SourceFile | None
    path: tuple[Any, ...] = ()

    def at(self, *more: Any) -> Origin:
        """Return the origin of a part of this item."""
        return Origin(self.source, self.path + more)

    def problem(self, message: str, section: str | None = None,
                entity: str | None = None) -> Problem:
        """Return a problem located at this origin, about ``entity`` of ``section`` if given."""
        if self.source is None:
            return Problem(None, None, message, section, entity)
        return Problem(self.source.path, self.source.line_of(self.path), message, section, entity)


@dataclass
class RawDataset:
    """Sections as plain Python values, each item with its origin."""

    city: tuple[Any, Origin] | None = None
    format: list[tuple[Any, Origin]] = field(default_factory=list)
    taxonomy: tuple[Any, Origin] | None = None
    sections: dict[str, list[tuple[Any, Origin]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def size(self) -> int:
        """Return how many top-level values and section entries have been read."""
        return (len(self.format) + (self.city is not None) + (self.taxonomy is not None)
                + sum(len(items) for items in self.sections.values()))

    def add_section(self, name: str, items: Any, origin: Origin) -> None:
        """Append the items of one section read from one file."""
        if not isinstance(items, list):
            self.problems.append(origin.problem(
                f"`{name}` must be a list of entries (lines starting with '- '), "
                f"not {_kind_of(items)}."))
            return
        bucket = self.sections.setdefault(name, [])
        source, path = origin
        bucket.extend((item, Origin(source, (*path, i))) for i, item in enumerate(items))


def _kind_of(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "empty"}.get(
        type(value), type(value).__name__)


def read_dataset(path: Path | str) -> RawDataset:
    """Read a dataset file or directory into a :class:`RawDataset`.

    Raises :class:`InvalidDataError` when a file cannot be read or parsed at all. Problems with
    what was read (a section given twice, an unknown section) stay in ``problems`` for the
    validator to report together with the rest, so that one run shows them all.
    """
    path = Path(path)
    raw = RawDataset()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in DATA_SUFFIXES)
        if not files:
            raise InvalidDataError([Problem(path, None, "this folder holds no .yaml, .yml, "
                                            ".json or .csv file to read a dataset from.")])
    elif path.exists():
        files = [path]
    elif path.is_symlink():
        raise InvalidDataError([Problem(path, None, "is a symbolic link that leads nowhere (its "
                                        "target is missing, or the links form a loop).")])
    else:
        raise InvalidDataError([Problem(path, None, "no such file or folder.")])
    unread = False
    with gc_paused():
        for file in files:
            before = (len(raw.problems), raw.size())
            _read_file(file, raw)
            # A file that gave problems and nothing else could not be read at all: checking the
            # rest without it would report its missing entries as mistakes elsewhere.
            unread |= len(raw.problems) > before[0] and raw.size() == before[1]
    if unread:
        raise InvalidDataError(raw.problems)
    return raw


def _read_file(path: Path, raw: RawDataset) -> None:
    try:
        size = path.stat().st_size
    except OSError as err:
        raw.problems.append(Problem(path, None, f"cannot be read: {err.strerror}."))
        return
    if size > MAX_FILE_BYTES:
        raw.problems.append(Problem(path, None, f"is {size / 2**20:,.0f} MiB; orggraph reads "
                                    f"files up to {MAX_FILE_BYTES // 2**20} MiB. Split the "
                                    "sections over several files in one folder."))
        return
    if size > MAX_YAML_BYTES and path.suffix.lower() in (".yaml", ".yml"):
        raw.problems.append(Problem(path, None, f"is {size / 2**20:,.0f} MiB of YAML; orggraph "
                                    f"reads YAML files up to {MAX_YAML_BYTES // 2**20} MiB "
                                    "(YAML takes some 30 times as long as JSON to read). Split "
                                    "the sections over several files in one folder, or write "
                                    "the dataset as JSON."))
        return
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raw.problems.append(Problem(path, None, f"is not UTF-8 text ({err.reason}); save it as "
                                    "UTF-8."))
        return
    except OSError as err:
        raw.problems.append(Problem(path, None, f"cannot be read: {err.strerror}."))
        return
    source = SourceFile(path, text)
    if path.suffix.lower() == ".csv":
        _read_csv(source, raw)
        return
    before = len(raw.problems)
    data = _parse(source, raw)
    if len(raw.problems) > before:
        return
    if data is None:
        raw.problems.append(Problem(path, None, "is empty."))
        return
    too_big = check_shape(data)
    if too_big:
        raw.problems.append(Problem(path, None, too_big))
        return
    if not isinstance(data, dict):
        raw.problems.append(Problem(path, 1, f"must be a mapping of sections (format, city, "
                                    f"units, ...), not {_kind_of(data)}."))
        return
    _read_sections(data, source, raw)


def _parse(source: SourceFile, raw: RawDataset) -> Any:
    try:
        if source.path.suffix.lower() == ".json":
            return _parse_json(source, raw)
        return _parse_yaml(source, raw)
    except RecursionError:
        raw.problems.append(Problem(source.path, None, "nests lists or mappings too deeply to "
                                    "read; a dataset needs about six levels."))
    except ValueError:  # Python refuses to turn more than 4,300 digits into an int
        line = line_of_long_number(source.text)
        raw.problems.append(Problem(source.path, line, "holds a number with more than 4,300 "
                                    "digits; no field needs one. Check the number on this line."))
    return None


def _parse_json(source: SourceFile, raw: RawDataset) -> Any:
    duplicates: list[str] = []

    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(pairs)
        if len(mapping) < len(pairs):
            seen: set[str] = set()
            duplicates.extend(k for k, _ in pairs if k in seen or seen.add(k))
        return mapping

    try:
        data = json.loads(source.text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as err:
        raw.problems.append(Problem(source.path, err.lineno, f"is not valid JSON: {err.msg}."))
        return None
    for key in dict.fromkeys(duplicates):
        raw.problems.append(Problem(source.path, _line_of_key(source.text, key),
                                    f"the key {excerpt(key)} appears twice in one object; "
                                    "keep one (JSON keeps only the last, silently)."))
    return data


def _line_of_key(text: str, key: str) -> int | None:
    """Return the line of the second occurrence of ``"key":`` (a hint, not a proof)."""
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    return None if second < 0 else text.count("\n", 0, second) + 1


def _parse_yaml(source: SourceFile, raw: RawDataset) -> Any:
    # ruamel is imported here, not with the module: reading JSON needs none of it.
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    from orggraph.loaders.quick_yaml import read_yaml

    depth, line = open_brackets(source.text)
    if depth > MAX_OPEN_BRACKETS:
        raw.problems.append(Problem(source.path, line, f"opens {depth:,} brackets `[` or `{{` "
                                    f"inside each other; orggraph reads at most "
                                    f"{MAX_OPEN_BRACKETS:,} (a dataset needs about six)."))
        return None
    try:
        return read_yaml(source.text)
    except ReaderError as err:
        line = source.text.count("\n", 0, max(err.position, 0)) + 1
        raw.problems.append(Problem(source.path, line, f"holds the control character "
                                    f"U+{err.character:04X}, which YAML does not allow in "
                                    "text; remove it." if isinstance(err.character, int) else
                                    f"cannot be read as YAML: {err.reason}."))
        return None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = err.problem or err.context or "syntax error"
        raw.problems.append(Problem(source.path, line, f"is not valid YAML: {what}. Check the "
                                    "indentation and that text with ':' or '#' is quoted."))
        return None
    except YAMLError as err:
        raw.problems.append(Problem(source.path, None, f"cannot be read as YAML: "
                                    f"{excerpt(str(err), 200)}"))
        return None


def _read_sections(data: dict, source: SourceFile, raw: RawDataset) -> None:
    from orggraph.loaders.suggest import closest

    for key, value in data.items():
        origin = Origin(source, (key,))
        if key == "format":
            raw.format.append((value, origin))
        elif key == "city":
            if raw.city is not None:
                raw.problems.append(origin.problem(
                    "`city` is given twice in this dataset; keep it in one file."))
            raw.city = (value, origin)
        elif key == "taxonomy":
            raw.taxonomy = (value, origin)
        elif key in TOP_LEVEL_KEYS:
            raw.add_section(key, value, origin)
        else:
            hint = closest(str(key), TOP_LEVEL_KEYS)
            raw.problems.append(origin.problem(
                f"unknown section `{key}`" + (f"; did you mean `{hint[0]}`?" if hint else ".")
                + " Sections are: " + ", ".join(TOP_LEVEL_KEYS) + "."))


def _read_csv(source: SourceFile, raw: RawDataset) -> None:
    import csv  # here: most datasets are YAML or JSON

    reader = csv.reader(io.StringIO(source.text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raw.problems.append(Problem(source.path, None, "is empty; a unit table starts with the "
                                    "header row id,name,kind,parent,fte,domains."))
        return
    unknown = [h for h in header if h not in CSV_COLUMNS]
    missing = [h for h in ("id", "name", "kind") if h not in header]
    if unknown or missing:
        parts = []
        if unknown:
            parts.append("unknown column" + "s" * (len(unknown) > 1) + " " + ", ".join(unknown))
        if missing:
            parts.append("missing column" + "s" * (len(missing) > 1) + " " + ", ".join(missing))
        raw.problems.append(Problem(source.path, 1, "; ".join(parts) + ". A unit table has the "
                                    "columns " + ", ".join(CSV_COLUMNS) + "."))
        return
    items = []
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as err:
        raw.problems.append(Problem(source.path, reader.line_num, f"cannot be read as a unit "
                                    f"table: {err}. A cell holds at most "
                                    f"{csv.field_size_limit():,} "
                                    "characters; check for a quote that is never closed."))
        return
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        item: dict[str, Any] = {}
        for column, cell in zip(header, row, strict=False):
            cell = cell.strip()
            if not cell:
                continue
            if column == "domains":
                item[column] = [d.strip() for d in cell.split(";") if d.strip()]
            else:
                item[column] = cell
        if len(row) > len(header):
            raw.problems.append(Problem(source.path, line, f"this row has {len(row)} cells but "
                                        f"the header has {len(header)}; quote cells that "
                                        "contain commas."))
        items.append((item, Origin(source, (line,))))
    raw.sections.setdefault("units", []).extend(items)


def is_scenario_file(path: Path) -> bool:
    """Tell whether ``path`` is a scenario file (YAML or JSON saying ``orggraph-scenario/``)
    rather than a dataset, from the first lines only.

    >>> from orggraph.examples import example_path
    >>> is_scenario_file(example_path("tiny"))
    False
    """
    if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return False
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            head = handle.read(4000)
    except OSError:
        return False
    return "orggraph-scenario/" in head
