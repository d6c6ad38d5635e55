"""Eligibility: yes, no with a reason, and a typo that is never a "no"."""

from __future__ import annotations

import pytest

from catcli.api import load
from catcli.errors import EXIT_USAGE, UnknownValue
from tests.conftest import CATALOG

CAT = load(CATALOG)


def test_check_yes_no_and_reason() -> None:
    yes = CAT.check("Paid Media", "tsp", "Japan")
    assert yes.eligible and [s.registration_region for s in yes.services] == ["Japan"]
    no = CAT.check("Paid Media", "tsp", "de")
    assert not no.eligible and "TikTok Shop Partner in Japan" in no.reason and no.alternatives


def test_check_main_category_and_names_that_are_both() -> None:
    main = CAT.check("Outsourced Operation", "tsp", "Japan")
    assert main.eligible and len(main.services) == 5
    assert CAT.check("Shop Management", "tsp", "UK").eligible  # the UK's main category of that name


def test_check_market_the_region_never_targets() -> None:
    answer = CAT.check("Paid Media", "tsp", "Japan", "Mexico")
    assert not answer.eligible
    assert answer.reason.startswith(
        "Japan-registered partners sell only in Japan; it is offered to TikTok Shop Partner in"
    )


def test_check_of_an_unknown_name_is_a_usage_error_with_a_suggestion() -> None:
    with pytest.raises(UnknownValue) as info:
        CAT.check("Paid Medai", "tsp", "uk")
    assert info.value.exit_code == EXIT_USAGE and info.value.suggestions == ("Paid Media",)
