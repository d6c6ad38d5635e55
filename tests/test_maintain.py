"""`catcli import` into the user catalog, its one-line summary, and `catcli import --reset`."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from catcli import maintain
from catcli.api import load
from tests.conftest import CATALOG, SOURCE, Invoke

AFFILIATE_BRAZIL = (
    "| Brazil  | Brazil  | Seller and Scalable Creator Match-up  | Seller and Scalable Creator Match-up  |"
    " Connect scalable creators with sellers/supply chains to help both parties improve efficiency and"
    " optimize creator level up.  |"
)
MEXICO_DEFINITION = (
    "| Mexico  | Mexico  | Seller and Scalable Creator Match-up  | Seller and Scalable Creator Match-up  |"
    " Connect scalable creators with sellers/supply chains"
)


def user_catalog() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "catcli" / "catalog.toml"


def edited_document(tmp_path: Path) -> Path:
    """The source document with affiliate Brazil's row replaced by another and Mexico's reworded.

    Against the bundled catalog: +1 service, -1, ~1 definition.
    """
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count(AFFILIATE_BRAZIL) == 1 and text.count(MEXICO_DEFINITION) == 1
    text = text.replace(
        AFFILIATE_BRAZIL,
        "| Brazil | Brazil | Creator matchmaking | Creator matchmaking | Creators for sellers. |",
    )
    text = text.replace(MEXICO_DEFINITION, MEXICO_DEFINITION.replace("Connect scalable", "Connect"))
    path = tmp_path / "edited.md"
    path.write_text(text, encoding="utf-8")
    return path


def _brazil(invoke: Invoke) -> list[str]:
    rows = json.loads(invoke("list", "--type", "affiliate", "--region", "Brazil", "--json").stdout)
    return [row["service_category"] for row in rows]


# -- import without --output: the user catalog --------------------------------


def test_import_writes_the_user_catalog_and_lookups_read_it(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new" / "data"))
    assert not (tmp_path / "new").exists()
    assert _brazil(invoke) == ["Seller and Scalable Creator Match-up"]
    result = invoke("import", str(edited_document(tmp_path)), "--edition", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"catcli: wrote {user_catalog()}: edition 2026-12-01 (was 2026-11-24), "
        "68 services (+1 service, -1, ~1 definition)\n"
    )
    for directory in (tmp_path / "new", tmp_path / "new" / "data", user_catalog().parent):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700  # the XDG spec's mode
    assert [p.name for p in user_catalog().parent.iterdir()] == ["catalog.toml"]  # no temporary left
    assert _brazil(invoke) == ["Creator matchmaking"]
    assert json.loads(invoke("show", "Creator matchmaking", "--region", "Brazil", "--json").stdout)
    info = json.loads(invoke("info", "--json").stdout)
    assert (info["chosen_by"], info["edition"]) == ("user", "2026-12-01")


def test_import_into_an_existing_directory_keeps_its_mode(invoke: Invoke) -> None:
    user_catalog().parent.mkdir(parents=True, mode=0o755)
    os.chmod(user_catalog().parent, 0o755)
    assert invoke("import", str(SOURCE)).exit_code == 0
    assert stat.S_IMODE(user_catalog().parent.stat().st_mode) == 0o755


def test_second_import_compares_with_the_user_catalog_it_replaces(invoke: Invoke, tmp_path: Path) -> None:
    edited = edited_document(tmp_path)
    invoke("import", str(edited), "--edition", "2026-12-01")
    again = invoke("import", str(edited), "--edition", "2026-12-01")
    assert again.stderr.endswith(": edition 2026-12-01 (unchanged), 68 services (no service changed)\n")
    back = invoke("import", str(SOURCE), "--edition", "2026-12-02")
    assert back.stderr.endswith(
        ": edition 2026-12-02 (was 2026-12-01), 68 services (+1 service, -1, ~1 definition)\n"
    )
    assert _brazil(invoke) == ["Seller and Scalable Creator Match-up"]


def test_import_replaces_a_broken_user_catalog(invoke: Invoke) -> None:
    user_catalog().parent.mkdir(parents=True)
    user_catalog().write_text("not toml", encoding="utf-8")
    assert invoke("list", "--json").exit_code == 3
    result = invoke("import", str(SOURCE), "--edition", "2026-12-01")
    assert result.exit_code == 0
    assert result.stderr == f"catcli: wrote {user_catalog()}: edition 2026-12-01, 68 services\n"
    assert len(json.loads(invoke("list", "--json").stdout)) == 68


def test_import_says_when_the_environment_still_chooses(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CATCLI_CATALOG", str(CATALOG))
    result = invoke("import", str(edited_document(tmp_path)))
    assert result.exit_code == 0 and user_catalog().is_file()
    assert result.stderr.endswith("; but $CATCLI_CATALOG is set and still chooses the catalog\n")
    assert _brazil(invoke) == ["Seller and Scalable Creator Match-up"]  # still the bundled rows


def test_import_without_a_home_needs_output(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(maintain, "user_path", lambda: None)
    result = invoke("import", str(SOURCE))
    assert result.exit_code == 2 and "no home directory" in result.stderr and "--output" in result.stderr
    assert invoke("import", str(SOURCE), "--output", str(tmp_path / "c.toml")).exit_code == 0
    reset = invoke("import", "--reset")
    assert reset.exit_code == 0 and "lookups already use the bundled catalog" in reset.stderr


def test_import_cannot_create_the_directory(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "file"))
    result = invoke("import", str(SOURCE))
    assert result.exit_code == 3 and f"cannot create {tmp_path / 'file' / 'catcli'}" in result.stderr


# -- a failed import writes nothing -----------------------------------------


@pytest.mark.parametrize("edition", ["yesterday", "2026-13-01", "2026-02-30", "20261124", "2026-W48-1", ""])
def test_edition_must_be_a_date(edition: str, invoke: Invoke) -> None:
    result = invoke("import", str(SOURCE), "--edition", edition)
    assert result.exit_code == 2 and "is not a date" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert not user_catalog().parent.exists()


def test_bad_document_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(SOURCE.read_text(encoding="utf-8").replace("| Japan  | Japan  |", "| Atlantis | Japan |"))
    result = invoke("import", str(bad))
    assert result.exit_code == 3 and "unknown registration region 'Atlantis'" in result.stderr
    assert not user_catalog().parent.exists()
    assert invoke("import", str(tmp_path / "none.md")).exit_code == 3
    assert not user_catalog().parent.exists()


def test_missing_base_is_named_without_the_catalog_flags_advice(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("import", str(SOURCE), "--base", str(tmp_path / "none.toml"))
    assert result.exit_code == 3 and f"catalog not found: {tmp_path / 'none.toml'}" in result.stderr
    assert "--catalog" not in result.stderr and not user_catalog().parent.exists()


# -- the edition written ------------------------------------------------------


def test_default_edition_is_today(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 00:00 UTC
    assert invoke("import", str(SOURCE)).exit_code == 0
    edition = load(user_catalog()).edition
    assert (edition.edition, edition.imported) == ("2026-12-01", "2026-12-01")
    assert edition.source == "TikTok Shop Partner Center: Service categories"


def test_edition_and_import_date_are_separate(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    invoke("import", str(SOURCE), "--edition", "2026-11-30")
    edition = load(user_catalog()).edition
    assert (edition.edition, edition.imported) == ("2026-11-30", "2026-12-01")


# -- --output still writes only FILE ------------------------------------------


def test_output_writes_only_that_file(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    first = invoke("import", str(SOURCE), "--edition", "2026-12-01", "--output", str(out))
    assert first.exit_code == 0
    assert first.stderr == f"catcli: wrote {out}: edition 2026-12-01, 68 services\n"  # nothing replaced
    assert not user_catalog().parent.exists()
    assert json.loads(invoke("info", "--json").stdout)["chosen_by"] == "bundled"
    second = invoke("import", str(edited_document(tmp_path)), "--edition", "2026-12-02", "-o", str(out))
    assert second.stderr == (
        f"catcli: wrote {out}: edition 2026-12-02 (was 2026-12-01), "
        "68 services (+1 service, -1, ~1 definition)\n"
    )


@pytest.mark.parametrize("through", ["itself", "a link", "the user catalog"])
def test_import_onto_its_own_file_is_refused_and_writes_nothing(
    invoke: Invoke, tmp_path: Path, through: str
) -> None:
    """As cp refuses 'are the same file': `import page.md -o page.md` replaced the page with TOML."""
    document = tmp_path / "page.md"
    document.write_bytes(SOURCE.read_bytes())
    if through == "the user catalog":
        assert invoke("import", str(document)).exit_code == 0
        document = user_catalog()
        output: list[str] = []
    else:
        (tmp_path / "link.md").symlink_to(document)
        output = ["-o", str(document if through == "itself" else tmp_path / "link.md")]
    before = document.read_bytes()
    result = invoke("import", str(document), *output)
    assert result.exit_code == 2 and "DOCUMENT and the output are the same file" in result.stderr
    assert document.read_bytes() == before


def test_output_dash_prints_the_catalog(invoke: Invoke) -> None:
    result = invoke("import", str(SOURCE), "--edition", "2026-11-24", "-o", "-")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines()[:3] == CATALOG.read_text(encoding="utf-8").splitlines()[:3]
    assert not user_catalog().parent.exists()


# -- reset --------------------------------------------------------------------


def test_reset_goes_back_to_the_bundled_catalog(invoke: Invoke, tmp_path: Path) -> None:
    invoke("import", str(edited_document(tmp_path)), "--edition", "2026-12-01")
    assert _brazil(invoke) == ["Creator matchmaking"]
    result = invoke("import", "--reset")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"catcli: removed {user_catalog()}; lookups use the bundled catalog again\n"
    assert not user_catalog().exists()
    assert _brazil(invoke) == ["Seller and Scalable Creator Match-up"]
    info = json.loads(invoke("info", "--json").stdout)
    assert (info["chosen_by"], info["edition"]) == ("bundled", "2026-11-24")


def test_reset_with_nothing_to_reset(invoke: Invoke) -> None:
    result = invoke("import", "--reset")
    assert result.exit_code == 0
    assert result.stderr == (
        f"catcli: no imported catalog at {user_catalog()}; lookups already use the bundled catalog\n"
    )


def test_reset_removes_a_broken_user_catalog(invoke: Invoke, tmp_path: Path) -> None:
    """The way out that the broken catalog's error names must work on it."""
    user_catalog().parent.mkdir(parents=True)
    user_catalog().symlink_to(tmp_path / "gone.toml")
    assert "catcli import --reset" in invoke("list").stderr
    assert invoke("import", "--reset").exit_code == 0
    assert not os.path.lexists(user_catalog())
    assert invoke("list", "--json").exit_code == 0


def test_reset_says_when_the_environment_still_chooses(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CATCLI_CATALOG", str(CATALOG))
    result = invoke("import", "--reset")
    assert result.stderr.endswith("(but $CATCLI_CATALOG is set and still chooses the catalog)\n")


def test_reset_that_cannot_remove_is_an_error(invoke: Invoke) -> None:
    user_catalog().mkdir(parents=True)  # a directory where the file should be
    result = invoke("import", "--reset")
    assert result.exit_code == 3 and f"cannot remove {user_catalog()}" in result.stderr


@pytest.mark.parametrize("args", [["--reset", "doc.md"], ["--reset", "--output", "x.toml"], []])
def test_import_usage_errors(args: list[str], invoke: Invoke) -> None:
    assert invoke("import", *args).exit_code == 2


# -- the summary's wording ----------------------------------------------------


def test_summary_counts_each_changed_field_by_name() -> None:
    old = load(CATALOG)
    services = list(old.services)
    services[0] = services[0]._replace(definition="new", main_category=services[0].main_category.upper())
    services[1] = services[1]._replace(definition="newer")
    services[2] = services[2]._replace(target_markets=("Japan",))
    new = old._replace(services=tuple(services[:-2]))
    assert maintain._changes(old, new) == (
        "+0 services, -2, ~1 target markets, ~1 main category, ~2 definitions"
    )
    assert maintain._changes(old, old) == "no service changed"
    assert maintain._changes(new, old) == (
        "+2 services, -0, ~1 target markets, ~1 main category, ~2 definitions"
    )
    assert maintain._changes(old._replace(services=old.services[:-1]), old) == "+1 service, -0, ~0 changed"


def test_summary_names_the_types_and_regions_changed(invoke: Invoke, tmp_path: Path) -> None:
    """An edit that only changes what a region covers still changes lookups: the summary says so."""
    text = CATALOG.read_text(encoding="utf-8")
    edited = tmp_path / "edited.toml"
    edited.write_text(text.replace('  { code = "IE", name = "Ireland" },\n', "", 1), encoding="utf-8")
    result = invoke("import", str(edited))
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(
        ": edition 2026-11-24 (unchanged), 68 services (no service changed; regions changed: EU)\n"
    )
    old = load(CATALOG)
    types = (old.types[0]._replace(name="TSP"), *old.types[1:])
    new = old._replace(types=types, services=old.services[1:])
    assert maintain._changes(old, new) == "+0 services, -1, ~0 changed; types changed: tsp"


def test_plural() -> None:
    assert [maintain._plural(n, w) for n, w in ((1, "service category"), (2, "service category"))] == [
        "1 service category",
        "2 service categories",
    ]
    assert maintain._plural(3, "target markets") == "3 target markets"
    assert maintain._plural(0, "definition") == "0 definitions"
