"""Region and type summaries, the one source for both JSON and tables."""

from __future__ import annotations

from catcli import records as summary
from catcli.api import load
from catcli.model import as_json as jsonable
from tests.conftest import CATALOG, Invoke, as_json

CAT = load(CATALOG)


def test_type_counts_add_up_to_the_catalog() -> None:
    records = summary.types(CAT)
    assert sum(r.services for r in records) == len(CAT.services)
    assert [r.service_categories for r in records] == [22, 1, 2]


def test_json_and_table_show_the_same_records(invoke: Invoke) -> None:
    assert as_json(invoke("types", "--json")) == jsonable(summary.types(CAT))
    assert as_json(invoke("regions", "--json")) == jsonable(summary.regions(CAT))
    rows = {line.split()[0]: line.split() for line in invoke("types").stdout.splitlines() if line.strip()}
    for record in summary.types(CAT):
        assert rows[record.id][-2:] == [str(record.service_categories), str(record.services)]
