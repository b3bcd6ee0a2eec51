"""The bundled ``bbc`` taxonomy holds every code of the BBC code list, and keeps its old ids."""

from __future__ import annotations

from orggraph.loaders.bbc_codes import read_code_list
from orggraph.loaders.taxonomy import taxonomy_domains, taxonomy_path

CODES = read_code_list(taxonomy_path("bbc").parent / "bbc_beleidsvelden.tsv")
DOMAINS = {d["id"]: d for d in taxonomy_domains("bbc")}


def _root(domain_id: str) -> str:
    while DOMAINS[domain_id].get("parent"):
        domain_id = DOMAINS[domain_id]["parent"]
    return domain_id


def test_the_code_list_has_142_fields_in_10_domains():
    # The list's README: 142 beleidsvelden in the 10 beleidsdomeinen 0..9.
    assert len(CODES) == 142
    assert {row.code[:2] for row in CODES} == {f"0{i}" for i in range(10)}


def test_every_code_is_a_domain_with_its_label():
    for row in CODES:
        domain = DOMAINS[f"bbc-{row.code}"]
        assert domain["name"] == row.label and domain["bbc"] == [row.code]


def test_code_domains_sit_under_their_own_beleidsdomein():
    # The one curated exception: dierenbescherming (BBC 04) hangs under animal welfare, which the
    # taxonomy places under environment (see the header of bbc.yaml).
    for row in CODES:
        top = DOMAINS[_root(f"bbc-{row.code}")]
        expected = "03" if row.code == "0470" else row.code[:2]
        assert top["bbc"] == [expected], row


def test_a_code_claimed_by_one_curated_domain_hangs_under_it():
    assert DOMAINS["bbc-0740"]["parent"] == "sport"
    assert DOMAINS["bbc-0953"]["parent"] == "elderly"
    # 0119 is claimed by both ict and facility: it goes to the level above them.
    assert DOMAINS["bbc-0119"]["parent"] == "governance"


def test_yesterdays_ids_are_all_still_there():
    # bbc.yaml listed 86 domains (10 top-level, 76 below them) before the code list was added.
    old = [d for d in DOMAINS if not d.startswith("bbc-")]
    assert len(old) == 86 and {"finance", "care", "sport", "ict", "cemeteries"} <= set(old)
    assert len(DOMAINS) == len(old) + 142
