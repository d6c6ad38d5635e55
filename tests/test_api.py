"""The Python API: the README's examples run, and importing catcli stays cheap."""

from __future__ import annotations

import doctest
import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import catcli
from tests.conftest import ROOT

CATALOG = catcli.load()


def test_readme_python_examples_run() -> None:
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0


def test_everything_public_is_in_all_and_resolves() -> None:
    assert sorted(catcli.__all__) == sorted(catcli._WHERE)  # the lazy table and __all__ agree
    for name in catcli.__all__:
        assert getattr(catcli, name) is not None
    with pytest.raises(AttributeError):
        catcli.no_such_name  # noqa: B018


def test_importing_catcli_reads_nothing_and_imports_no_framework() -> None:
    heavy = "{'typer', 'rich', 'tomli', 'click', 'pycountry'}"
    code = (
        "import sys, catcli\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy} or m.startswith('catcli.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unknown_region_raises_with_the_value_and_suggestions() -> None:
    with pytest.raises(catcli.UnknownValue) as info:
        catcli.resolve_region("Japn")
    assert info.value.value == "Japn" and info.value.suggestions == ("Japan",)
    assert isinstance(info.value, catcli.UsageError) and isinstance(info.value, catcli.CatcliError)


def test_select_takes_a_str_or_a_list_and_as_dict_is_the_json_shape() -> None:
    catalog = catcli.load()
    assert catalog.select(type="tsp", region="jp") == catalog.select(type=["TSP"], region=["Japan"])
    assert all(isinstance(v, (str, list)) for v in catalog.select(region="EU")[0].as_dict().values())


# Any value a caller might pass by mistake.
ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=8),
    st.text(max_size=12),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=6), st.binary(max_size=4)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.sampled_from(["tsp", "Japan", "Paid Media", ["Japan", "EU"], b"tsp", ("mcn",), object()]),
)
CATALOG_METHODS = ["filters", "select", "show", "search", "check", "matrix", "why_empty"]


@settings(max_examples=300, deadline=None)
@given(method=st.sampled_from(CATALOG_METHODS), args=st.lists(ANYTHING, min_size=0, max_size=4))
def test_every_catalog_method_answers_or_raises_a_catcli_error(method: str, args: list[object]) -> None:
    """Issue 16: check(…, None, …) raised IndexError; select(type=b'tsp'), show(None) AttributeError."""
    try:
        getattr(CATALOG, method)(*args)
    except catcli.CatcliError as error:
        assert error.message and error.exit_code in (1, 2)
    except TypeError as error:  # too many or too few arguments: Python's own error for a bad call
        assert "argument" in str(error), error


@settings(max_examples=200, deadline=None)
@given(
    function=st.sampled_from([catcli.resolve_region, catcli.resolve_type]),
    value=ANYTHING,
    catalog=st.one_of(st.none(), st.just(CATALOG), ANYTHING),
)
def test_the_module_functions_answer_or_raise_a_catcli_error(
    function: Callable[..., str], value: object, catalog: object
) -> None:
    try:
        function(value, catalog)
    except catcli.CatcliError as error:
        assert error.message
    try:
        catcli.load(value)  # type: ignore[arg-type]
    except catcli.CatcliError as error:
        assert error.exit_code in (2, 3)


def test_check_asks_one_question_in_the_api_too() -> None:
    with pytest.raises(catcli.UsageError, match="2 regions given"):
        CATALOG.check("Paid Media", "tsp", ["EU", "Japan"])
    with pytest.raises(catcli.UsageError, match="check needs a type"):
        CATALOG.check("Paid Media", None, "Japan")
    with pytest.raises(catcli.UsageError, match="check needs a region"):
        CATALOG.check("Paid Media", "tsp", [])


@pytest.mark.parametrize("what", ["type", "region", "market"])
def test_a_filter_given_something_else_hints_with_values_that_filter_takes(what: str) -> None:
    with pytest.raises(catcli.UsageError) as info:
        CATALOG.select(**{what: 3})  # type: ignore[arg-type]
    first = str(info.value.hint).split("'")[1]
    resolve = catcli.resolve_type if what == "type" else catcli.resolve_region
    assert info.value.message == f"{what} must be text or a list of text, not int"
    assert resolve(first) == first  # the example is a value the filter takes
