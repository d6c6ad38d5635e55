"""Shell completion: the scripts (Typer's own machinery) and the values offered.

Values come from the catalog in use: partner types, regions with their
countries and codes, and service and main category names. bash inserts a
candidate as it is, so there a value with a space comes back escaped
('Hong\\ Kong'); zsh and fish quote candidates themselves.
"""

from __future__ import annotations

import os

from catcli.errors import CatcliError, UnknownValue
from catcli.loading import load
from catcli.query import names
from catcli.resolve import suggest
from catcli.text import fold

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_CATCLI_COMPLETE"


def script(shell: str) -> str:
    """The completion script for SHELL, to be sourced or saved where the shell looks."""
    if shell not in SHELLS:
        raise UnknownValue("shell", shell, suggest(shell, SHELLS), choices=SHELLS)
    from typer._completion_shared import get_completion_script  # Typer's shell scripts: only here

    return get_completion_script(prog_name="catcli", complete_var=COMPLETE_VAR, shell=shell) + "\n"


def labels(kind: str) -> list[str]:
    """Every value worth offering for an option of this kind: 'type', 'region' or 'name'."""
    try:
        catalog = load()
    except CatcliError:
        return []
    if kind == "type":
        return [t.id for t in catalog.types]
    if kind == "name":
        return names(catalog.services)
    found = [r.name for r in catalog.regions]
    found += [c.code for r in catalog.regions for c in r.countries]
    found += [c.name for r in catalog.regions for c in r.countries]
    return found


def candidates(kind: str, incomplete: str) -> list[str]:
    """Values that begin with what was typed (case and accents ignored), keeping the typed prefix."""
    wanted = fold(incomplete)
    matches = [label for label in labels(kind) if fold(label).startswith(wanted)]
    # Typer keeps only values that start with what was typed, case and all:
    # keep the user's prefix, and their lower case when they typed lower case.
    rests = (label[len(incomplete) :] for label in matches)
    words = dict.fromkeys(incomplete + (r.lower() if incomplete.islower() else r) for r in rests)
    if os.environ.get(COMPLETE_VAR, "").endswith("bash"):
        return [_bash_word(w) for w in words]
    return list(words)


def _bash_word(value: str) -> str:
    """A word bash can take as it is: shell-special characters backslash-escaped."""
    return "".join("\\" + c if c in " \t'\"\\$`&|;<>()[]*?!#~{}" else c for c in value)
