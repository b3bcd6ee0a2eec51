"""Validation of datasets: every error of docs/design.md §3 with its file, line, message; exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import orggraph
from orggraph.cli import app
from orggraph.errors import InvalidDataError

INVALID = Path(__file__).parent / "data" / "invalid"
runner = CliRunner()

# (fixture file, line of the problem, words the message must contain)
CASES = [
    ("missing_field.yaml", 5, ["unit 'dienst-a' has no `kind`", "service"]),
    ("wrong_enum.yaml", 5, ["`kind: dienstt` is not a known kind", "Did you mean 'dienst'"]),
    ("duplicate_id.yaml", 7, ["the id 'dienst-a' is used twice", "duplicate_id.yaml:5"]),
    ("unknown_reference.yaml", 6, ["no unit with that id", "Did you mean 'cluster-ruimte'?"]),
    ("parent_cycle.yaml", 5, ["dienst-a → dienst-b → dienst-a", "cycle"]),
    ("two_roots.yaml", 5, ["'ocmw' is a second `organisation`", "exactly one root"]),
    ("no_root.yaml", 4, ["no unit has `kind: organisation`"]),
    ("unknown_portfolio_domain.yaml", 13,
     ["portfolio item 'Haven'", "'economie', which is not a known domain",
      "Did you mean 'economy'?"]),
    ("unknown_field.yaml", 8, ["unknown field `parnet`", "Did you mean 'parent'?"]),
    ("unknown_field.json", 6, ["unknown field `colour`"]),
    ("bad_syntax.yaml", 5, ["is not valid YAML"]),
]


@pytest.mark.parametrize(("name", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_error_is_located_and_explained(name, line, words):
    path = INVALID / name
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(path)
    matching = [p for p in caught.value.problems if all(w in p.message for w in words)]
    assert matching, [str(p) for p in caught.value.problems]
    assert matching[0].line == line
    assert matching[0].file == path


@pytest.mark.parametrize(("name", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_validate_command_exits_1_and_prints_the_location(name, line, words):
    result = runner.invoke(app, ["validate", str(INVALID / name)])
    assert result.exit_code == 1
    assert f"{name}:{line}:" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_several_errors_in_one_file_are_all_reported():
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(INVALID / "several_errors.yaml")
    lines = sorted(p.line for p in caught.value.problems)
    # fte 'veel' (5), kind 'spaceship' (6), steers an unknown unit (8), an id used twice (9)
    assert lines == [5, 6, 8, 9]
    text = str(caught.value)
    assert "`fte` should be a number (got 'veel')" in text
    assert "`kind: spaceship` is not a known kind" in text
    assert "'dienst-c', but there is no unit" in text
    assert "the id 'dienst-a' is used twice" in text


def test_csv_rows_are_located_by_line():
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(INVALID / "bad_csv")
    found = {(p.file.name, p.line) for p in caught.value.problems}
    assert found == {("units.csv", 4)}
    assert len(caught.value.problems) == 2  # fte 'abc' and parent 'stadd'


def test_a_valid_file_exits_0():
    result = runner.invoke(app, ["validate", str(orggraph.example_path("tiny"))])
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout


def test_several_paths_report_every_file(tmp_path):
    result = runner.invoke(app, ["validate", str(INVALID / "wrong_enum.yaml"),
                                 str(INVALID / "two_roots.yaml")])
    assert result.exit_code == 1
    assert "wrong_enum.yaml:5" in result.stderr and "two_roots.yaml:5" in result.stderr


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


@pytest.mark.parametrize(("text", "words"), [
    ("format: orggraph/2\ncity: {id: t, name: T}\nunits:\n  - {id: s, name: S, kind: "
     "organisation}\n", "`format: orggraph/2` is not a dataset format"),
    ("format: orggraph/1\nunits:\n  - {id: s, name: S, kind: organisation}\n",
     "has no `city` section"),
    ("format: orggraph/1\ncity: {id: t, name: T}\nunit:\n  - {id: s, name: S, kind: "
     "organisation}\n", "unknown section `unit`; did you mean `units`?"),
    ("format: orggraph/1\ncity: {id: t, name: T}\nunits: {id: s}\n",
     "`units` must be a list of entries"),
    ("format: orggraph/1\ncity: {id: t, name: T}\ntaxonomy: bcc\nunits:\n  - {id: s, name: S, "
     "kind: organisation}\n", "Did you mean 'bbc'?"),
    ("- just\n- a list\n", "must be a mapping of sections"),
    ("", "is empty"),
])
def test_file_level_mistakes(write, text, words):
    path = write("city.yaml", text)
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(path)
    assert words in str(caught.value)


def test_dutch_words_are_accepted_and_normalised(write):
    path = write("nl.yaml", """\
format: orggraph/1
city: {id: t, name: T}
units:
  - {id: stad, name: Stad, kind: Organisatie}
  - {id: cel, name: Cel, kind: strategische cel, parent: stad}
  - {id: staf, name: Staf, kind: stafdienst, parent: stad}
bodies:
  - {id: mat, name: MAT, kind: MAT}
people:
  - {id: b, name: B, role: burgemeester}
  - {id: s, name: S, role: Schepen}
  - {id: v, name: V, role: voorzitter BCSD}
partners:
  - {id: p, name: P, sector: middenveld}
""")
    city = orggraph.load(path)
    assert [u.kind.value for u in city.units] == ["organisation", "strategic_cell", "staff"]
    assert [p.role.value for p in city.people] == ["mayor", "alderman", "ocmw_chair"]
    assert city.bodies[0].kind.value == "management_team"
    assert city.partners[0].sector.value == "civil_society"
    assert [p.id for p in city.college] == ["b", "s", "v"]


def test_taxonomy_domains_are_added(write):
    path = write("tax.yaml", """\
format: orggraph/1
city: {id: t, name: T}
taxonomy: bbc
domains:
  - {id: haven, name: Haven, parent: economy}
units:
  - {id: stad, name: Stad, kind: organisation}
people:
  - id: s
    name: S
    role: alderman
    portfolio: [{title: Haven, domain: haven}, {title: Economie, domain: economy}]
""")
    city = orggraph.load(path)
    ids = [d.id for d in city.domains]
    assert "economy" in ids and ids[-1] == "haven"
    assert city.taxonomy == "bbc"


def test_a_domain_clashing_with_the_taxonomy_is_reported(write):
    path = write("tax.yaml", "format: orggraph/1\ncity: {id: t, name: T}\ntaxonomy: bbc\n"
                 "domains:\n  - {id: economy, name: Mijn economie}\nunits:\n"
                 "  - {id: stad, name: Stad, kind: organisation}\n")
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(path)
    (problem,) = caught.value.problems
    assert problem.file == path and problem.line == 5
    assert "the id 'economy' is used twice" in problem.message


def test_a_url_in_a_flow_list_loads(write):
    """YAML 1.2 reads `[https://x]` as a list of one URL; ruamel's C loader (YAML 1.1), used
    when ruamel.yaml.clib is installed, refuses it, so the loader must not depend on it."""
    path = write("city.yaml", "format: orggraph/1\ncity: {id: v, name: V, sources: "
                 "[https://www.voorbeeldstad.be/bestuur]}\nunits:\n"
                 "  - {id: stad, name: Stad, kind: organisation}\n")
    assert orggraph.load(path).city.sources == ["https://www.voorbeeldstad.be/bestuur"]


def test_a_problem_names_the_entity_it_is_about(write):
    """The entity comes from the data, not from reading the message back."""
    path = write("city.yaml", "format: orggraph/1\ncity: {id: v, name: V}\nunits:\n"
                 "  - {id: stad, name: Stad, kind: organisation}\n"
                 "  - {id: dienst-x, name: X, kind: service, parent: nergens}\n")
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(path)
    (problem,) = caught.value.problems
    assert (problem.section, problem.entity, problem.line) == ("units", "dienst-x", 5)


def test_a_mistyped_root_is_one_problem_not_a_missing_root(write):
    """The root refused for its kind is reported once; 'no units' or 'no root' would mislead."""
    path = write("city.yaml", "format: orggraph/1\ncity: {id: x, name: X}\nunits:\n"
                 "- {id: r, name: R, kind: organisatio}\n- {id: s, name: S, kind: dienst, "
                 "parent: r}\n")
    with pytest.raises(InvalidDataError) as caught:
        orggraph.load(path)
    assert [p.line for p in caught.value.problems] == [4]
    assert "is not a known kind" in caught.value.problems[0].message
