"""The catalog holds exactly the source document's rows: none lost, invented or altered."""

from __future__ import annotations

from collections import Counter

from tests.conftest import CATALOG, SOURCE, Invoke, as_json
from tests.source_document import rows


def test_source_document_has_68_rows_in_three_tables() -> None:
    counted = Counter(str(r["type"]) for r in rows(SOURCE))
    assert counted == {"tsp": 52, "mcn": 8, "affiliate": 8}


def test_list_json_is_exactly_the_source_rows_in_order(invoke: Invoke) -> None:
    assert as_json(invoke("list", "--json")) == rows(SOURCE)


def test_show_json_for_every_service_is_its_source_rows(invoke: Invoke) -> None:
    source = rows(SOURCE)
    for name in {str(r["service_category"]) for r in source}:
        shown = as_json(invoke("show", name, "--json"))
        for row in source:
            if row["service_category"] == name:
                assert row in shown


def test_mojibake_and_markup_are_repaired_nowhere_else_changed() -> None:
    text = CATALOG.read_text(encoding="utf-8")
    assert "â€" not in text and "<br" not in text and "rowSpan" not in text
    assert text.count("sellers’ self-live streams") == 4
    # the document's own markdown link is kept as the document has it
    assert text.count("Please refer to: [https://bytedance.sg.larkoffice.com/docx/") == 2


def test_multi_line_definitions_keep_their_line_breaks() -> None:
    affiliate = [r for r in rows(SOURCE) if r["type"] == "affiliate"]
    assert str(affiliate[0]["definition"]).startswith("- Source market products")
    assert "\n- Guide creators" in str(affiliate[0]["definition"])
