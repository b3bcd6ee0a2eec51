"""The FalkorDB parameter header written by the JSON encoder equals the client's own, without a
server (the server reads it back in tests/test_engine_push.py)."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from falkordb.helpers import stringify_param_value
from hypothesis import given
from hypothesis import strategies as st

from orggraph.engines.params_text import params_header, value_text

# Any text, control characters, quotes, backslashes, backquotes and non-ASCII included.
texts = st.text(st.characters(codec="utf-8"), max_size=12)
identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
scalars = st.none() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts
# Values without booleans: there the two writers must agree to the character.
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(identifiers | texts, inner, max_size=4), max_leaves=20)


def _client(value):
    try:
        return stringify_param_value(value)
    except ValueError:
        return ValueError


def _ours(value):
    try:
        return value_text(value)
    except ValueError:
        return ValueError


@given(values)
def test_the_header_value_is_the_clients_to_the_character(value):
    assert _ours(value) == _client(value)


plain_texts = st.text(st.characters(codec="utf-8", min_codepoint=32,
                                    exclude_characters="\\"), max_size=12)


@given(st.lists(st.lists(st.none() | plain_texts | st.integers() | st.booleans(), max_size=5),
                max_size=5))
def test_push_rows_never_need_the_clients_writer(rows):
    """A push's rows are lists of texts without control characters or backslashes (a name may
    hold a tab: that batch is written by the client), numbers and booleans."""
    with patch("orggraph.engines.params_text.stringify_param_value", side_effect=AssertionError):
        text = value_text(rows)
    assert text == stringify_param_value(rows).replace("True", "true").replace("False", "false") \
        or any(isinstance(v, str) and ("True" in v or "False" in v) for row in rows for v in row)


def test_booleans_are_written_as_cypher_literals():
    # The client writes True/False; the server reads true/false as well (tests/test_engine_push).
    assert value_text([True, False, {"ok": True}]) == "[true,false,{`ok`:true}]"


@pytest.mark.parametrize("value", [
    {'a":1,"b': 1},          # a key that looks like two keys
    {"": 1},                  # an empty key: the client refuses it
    {"x`y": 1},               # a backquote in a key: the client refuses it
    ['{"k":1}'],              # a text that looks like a map
    ["tab\there", "new\nline", "back\\slash", 'quo"te'],
    [float("nan")], [float("inf")], {1: "int key"},
])
def test_awkward_values_are_written_as_the_client_writes_them(value):
    assert _ours(value) == _client(value)


def test_the_header_names_each_parameter_in_backquotes():
    assert params_header({"city": "gent", "n": 2}) == 'CYPHER `city`="gent" `n`=2 '
    with pytest.raises(ValueError, match="backquote"):
        params_header({"a`b": 1})
