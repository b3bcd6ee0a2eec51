"""Hostile and broken files get one located sentence and exit 1, never a traceback or a hang.

Each case is a file a user (or an attacker) can hand to ``orggraph validate``; each must end with
exit code 1, a message naming the file (and the line where one can be known), and no traceback.
"""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.loaders import limits

runner = CliRunner()

CITY = "format: orggraph/1\ncity: {id: t, name: T}\n"


def _alias_bomb() -> str:
    lines = [CITY, 'domains: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    previous = "a"
    for name in "bcdefgh":
        lines.append(f"x{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    lines.append(f"units: *{previous}")
    return "\n".join(lines) + "\n"


CASES = {
    # name: (file name, text, words the message must hold)
    "deep JSON": ("deep.json", '{"format": "orggraph/1", "units": ' + "[" * 50_000 + "]" * 50_000
                  + "}", ["too deeply"]),
    "deep YAML": ("deep.yaml", CITY + "units: " + "[" * 50_000 + "]" * 50_000 + "\n",
                  ["deep.yaml:3", "50,000 brackets", "at most 1,000"]),
    "nested below the parser's limit": (
        "nested.yaml", CITY + "units: " + "[" * 200 + "]" * 200 + "\n",
        ["nests 201 levels deep", "at most 32"]),
    "5,000-digit integer in JSON": (
        "digits.json", '{"format": "orggraph/1",\n"city": {"id": "t", "name": "T", '
        '"population": ' + "9" * 5000 + "}}", ["digits.json:2", "4,300 digits"]),
    "5,000-digit integer in YAML": (
        "digits.yaml", "format: orggraph/1\ncity: {id: t, name: T, population: " + "9" * 5000
        + "}\n", ["digits.yaml:2", "4,300 digits"]),
    "raw ESC byte": ("esc.yaml",
                     CITY + "units:\n- {id: r, name: \"a\x1b]0;T\", kind: organisation}\n",
                     ["esc.yaml:4", "U+001B"]),
    "raw NUL byte": ("nul.yaml", CITY + "units:\n- {id: r, name: a\x00b, kind: organisation}\n",
                     ["nul.yaml:4", "U+0000"]),
    "CSV cell over the field limit": (
        "units.csv", "id,name,kind\nr,\"" + "a" * 200_000 + "\",organisation\n",
        ["units.csv:2", "131,072 characters"]),
    "YAML alias bomb": ("bomb.yaml", _alias_bomb(), ["aliases", "entries", "refuses"]),
    "duplicate JSON key": (
        "dup.json", '{"format": "orggraph/1",\n"city": {"id": "a", "name": "A"},\n'
        '"city": {"id": "b", "name": "B"}}', ["dup.json:3", "'city' appears twice"]),
}


def refused(path, *words: str) -> str:
    """Validate ``path``; require exit 1, no traceback, a bounded message holding ``words``."""
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, (word, result.stderr[:500])
    assert len(result.stderr) < 2_000, "errors quote bounded excerpts"
    return result.stderr


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_file_gets_a_located_error(case, write):
    name, text, words = CASES[case]
    refused(write(name, text), name, *words)


def test_symlink_loop_is_named_as_such(tmp_path):
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    refused(tmp_path / "a.yaml", "symbolic link that leads nowhere")


@pytest.mark.parametrize(("limit", "words"), [
    ("MAX_FILE_BYTES", ["files up to 0 MiB"]),
    ("MAX_YAML_BYTES", ["MiB of YAML", "write the dataset as JSON"]),
])
def test_a_file_over_a_size_limit_is_refused_before_reading(limit, words, write, monkeypatch):
    path = write("big.yaml", CITY + "# " + "x" * 5000 + "\n")
    monkeypatch.setattr(f"orggraph.loaders.sources.{limit}", 4096)
    refused(path, "big.yaml", *words)


@pytest.mark.parametrize(("limit", "name", "words"), [
    ("MAX_FILE_BYTES", "big.json", ["files up to 0 MiB"]),
    ("MAX_YAML_BYTES", "big.yaml", ["MiB of YAML", "write the dataset as JSON"]),
])
def test_a_valid_city_over_a_size_limit_is_refused_too(limit, name, words, tmp_path,
                                                        monkeypatch):
    """The quick reader, which takes valid files, keeps the detailed reader's limits: a file is
    refused for its size whether or not anything else is wrong in it."""
    from orggraph.examples import load_example
    from orggraph.loaders.dump import write_city

    path = write_city(load_example("tiny"), tmp_path / name)
    assert path.stat().st_size > 4096
    monkeypatch.setattr(f"orggraph.loaders.sources.{limit}", 4096)
    refused(path, name, *words)


def test_tree_shape_counts_every_use_of_an_alias():
    """Hand count: the root mapping, two uses of a 2-item list (1 + 2 each), one scalar; two
    containers written (the mapping and the list)."""
    shared = ["p", "q"]
    assert limits.tree_shape({"a": shared, "b": shared, "c": 1}) == limits.Shape(2, 1 + 1 + 3 + 3,
                                                                                 2)


def test_excerpt_never_builds_the_whole_text():
    huge = [["x" * 1000] * 1000] * 1000          # a billion characters if printed in full
    text = limits.excerpt(huge, 60)
    assert len(text) <= 60 and text.endswith("…")


ROOT_UNIT = "units:\n- {id: root, name: Stad, kind: organisation"
VALUE_CASES = {
    # name: (text after CITY, words the message must hold)
    "id of 5,000 characters": (f"units:\n- {{id: {'r' * 5000}, name: Stad, kind: organisation}}\n",
                               ["is 5,000 characters long", "at most 200"]),
    "name of 2,000 characters": (f"units:\n- {{id: r, name: {'n' * 2000}, kind: organisation}}\n",
                                 ["`name` is 2,000 characters long", "at most 1,000"]),
    "infinite fte": (ROOT_UNIT + ", fte: .inf}\n", ["`fte` should be a finite number", "inf"]),
    "NaN budget": (ROOT_UNIT + ", budget: .nan}\n", ["`budget` should be a finite number"]),
    "NUL in a name": ('units:\n- {id: r, name: "St\\0ad", kind: organisation}\n',
                      ["control character U+0000 at position 3"]),
    "ESC in an id": ('units:\n- {id: "r\\e", name: S, kind: organisation}\n',
                     ["is not a valid id", "control characters"]),
}


@pytest.mark.parametrize("case", VALUE_CASES, ids=list(VALUE_CASES))
def test_values_past_the_limits_get_a_located_error(case, write):
    text, words = VALUE_CASES[case]
    refused(write("city.yaml", CITY + text), "city.yaml:4", *words)


def test_population_has_a_plausible_bound(write):
    path = write("city.yaml", "format: orggraph/1\ncity: {id: t, name: T, population: 1e12}\n"
                 + ROOT_UNIT + "}\n")
    refused(path, "`population` should be at most 100,000,000")
