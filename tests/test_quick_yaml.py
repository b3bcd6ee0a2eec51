"""The compiled YAML path reads exactly what ruamel reads, or leaves the text to ruamel."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from orggraph.loaders import quick_yaml
from orggraph.loaders.quick_yaml import read_plain_yaml

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").rglob("*.yaml"))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ruamel(text: str):
    """What the detailed reader reads, or the exception it raises."""
    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception as error:  # any refusal counts
        return error


def _agrees(text: str) -> object:
    """Assert that the quick path reads ``text`` as ruamel does, or not at all; return its read."""
    quick = read_plain_yaml(text)
    if quick is not None:
        expected = _ruamel(text)
        assert not isinstance(expected, Exception), f"ruamel refuses what libyaml read: {text!r}"
        assert quick == expected and _types(quick) == _types(expected), text
    return quick


def _types(value: object) -> object:
    """The value with the type of every scalar spelled out (1 == 1.0 == True in Python)."""
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__, repr(value)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_read_quickly_and_the_same(path):
    assert _agrees(path.read_text(encoding="utf-8")) is not None


def test_values_are_those_of_yaml_1_2():
    # Hand-written: YAML 1.2 numbers, booleans and null; 1.1's yes, 012 (octal there) and
    # 2019-2024 stay what 1.2 makes of them; a date is a date, as ruamel makes it.
    text = ("a: 1\nb: -2.5\nc: true\nd: ~\ne: yes\nf: 012\ng: 0o17\nh: 2019-2024\n"
            "i: 2001-12-14\nj: '12'\nk: [https://example.be, x]\nl: \"two\\nlines\"\r\n")
    got = _agrees(text)
    assert got is not None
    assert got["a"] == 1 and got["b"] == -2.5 and got["c"] is True and got["d"] is None
    assert (got["e"], got["f"], got["g"], got["h"]) == ("yes", 12, 15, "2019-2024")
    assert str(got["i"]) == "2001-12-14" and got["j"] == "12"
    assert got["k"] == ["https://example.be", "x"] and got["l"] == "two\nlines"


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",              # anchors and aliases (alias bombs among them)
    "a: !!str 12\n",                 # an explicit tag
    "<<: {a: 1}\nb: 2\n",            # a merge key
    "%YAML 1.1\n---\na: yes\n",      # another YAML version
    "a: 1\n---\nb: 2\n",             # two documents
    "a: 1\na: 2\n",                  # a key given twice
    "1: a\n",                        # a key that is not text
    "? [a]\n: b\n",                  # a list as a key
    "a: b\u2028c\n",                 # a line break in YAML 1.1, text in 1.2
    "a: b\x85c\n",
    "a: \x07\n",                     # a control character
    "a: |\n  two\n  lines\n",        # block scalars, which libyaml ends differently at times
    "a: >\n  folded\n",
    "a: b\rc: d\n",                  # a carriage return alone
    "a:\tb\n",                       # a tab, which ruamel refuses in more places
    "a: [1, 2\n",                    # a syntax error
    "",                              # nothing at all
])
def test_what_the_quick_path_leaves_to_ruamel(text):
    assert read_plain_yaml(text) is None


def test_without_libyaml_everything_goes_to_ruamel(monkeypatch):
    monkeypatch.setattr(quick_yaml, "_libyaml", lambda: None)
    assert read_plain_yaml("a: 1\n") is None


def test_the_loader_reads_yaml_through_it(monkeypatch, tmp_path):
    from orggraph.loaders import load
    from orggraph.loaders.dump import write_city

    city = load(EXAMPLES[0])
    path = write_city(city, tmp_path / "city.yaml")
    read = []
    monkeypatch.setattr(quick_yaml, "read_plain_yaml",
                        lambda text, real=read_plain_yaml: read.append(text) or real(text))
    assert load(path) == city
    assert read


def test_a_broken_file_is_still_explained_with_its_line(tmp_path):
    from orggraph.errors import InvalidDataError
    from orggraph.loaders import load

    path = tmp_path / "broken.yaml"
    path.write_text("format: orggraph/1\ncity: {id: x, name: X}\nunits:\n  - id: a\n"
                    "    name: A\n    kind: [dienst\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        load(path)
    assert caught.value.problems[0].line is not None


# -- generated documents and texts ----------------------------------------------------------------

# Text that YAML readers are known to treat differently: 1.1 booleans, octal, sexagesimal,
# dates, markers, characters that must be quoted.
_TRICKY = st.sampled_from([
    "yes", "No", "on", "OFF", "y", "~", "null", "Null", "true", "FALSE", "012", "0o12", "0x1F",
    "1_000", "1e3", ".5", "+1", "-0", ".inf", ".NaN", "1:20", "2019-2024", "2001-12-14",
    "2001-12-14 21:59:43.10", "=", "<<", "-", "- a", ": b", "a: b", "#x", "a #b", "[x]", "{x}",
    "'q'", '"q"', "&a", "*a", "!t", "%x", "@x", "`x", "a\tb", " lead", "trail ", "é", "Ω≈",
    "Milieu [incl. Dierenwelzijn]", "<script>alert(1)</script>", "",
])
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=False, allow_infinity=False), _TRICKY,
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12))
_KEYS = st.one_of(_TRICKY.filter(lambda k: k not in ("<<", "")),
                  st.text("abcdefgh_-", min_size=1, max_size=6))
_DOCUMENTS = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=25)


def _dump(value: object, flow: bool | None) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


@SETTINGS
@given(_DOCUMENTS, st.sampled_from([False, True, None]))
def test_generated_documents_read_the_same(value, flow):
    text = _dump(value, flow)
    quick = _agrees(text)
    if quick is not None:
        assert _types(quick) == _types(_ruamel(text))


@SETTINGS
@given(st.lists(st.sampled_from(
    [*"ab1.:-#&*!?|>'\"[]{},~ \t\n\ré%@\\", "yes", "null", "- ", "  ", ": ", "\n  ", "\n- ",
     "\r\n", "\\u00e9", "\\x41", "\\/", "...", "---", "? ", "\\N"]), max_size=30).map("".join))
def test_any_text_is_read_the_same_or_left_to_ruamel(text):
    _agrees(text)


@SETTINGS
@given(st.text(max_size=30))
def test_any_unicode_text_is_read_the_same_or_left_to_ruamel(text):
    _agrees(text)
