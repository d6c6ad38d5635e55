"""The Python API: the README's examples run, and importing catcli stays cheap."""

from __future__ import annotations

import doctest
import subprocess
import sys

import pytest

import catcli
from tests.conftest import ROOT


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
