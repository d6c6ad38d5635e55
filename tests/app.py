"""What the tests walk, derived from the app itself: its commands, what each takes, and the
examples its help gives. A new command is tested by everything here without a list to edit."""

from __future__ import annotations

import inspect
import shlex

from catcli.cli import COMMANDS, command_info
from catcli.cli.options import SPECS, Spec


def commands() -> list[str]:
    """Every command, in the order help lists them."""
    return list(COMMANDS)


def spec(name: str) -> Spec:
    """What the command takes besides its own arguments (its module is imported to register it)."""
    command_info(name)
    return SPECS[name]


def data_commands() -> list[str]:
    """The commands that print records, and so take every output format."""
    return [name for name in commands() if spec(name).record is not None]


def examples(name: str) -> list[list[str]]:
    """The command lines of the Examples in NAME's help, as argv after 'catcli', pipes cut off."""
    doc = inspect.getdoc(command_info(name).callback) or ""
    found = []
    for line in doc.split("Examples:", 1)[-1].splitlines():
        words = shlex.split(line, comments=True)
        if words[:2] == ["catcli", name]:
            cut = next((i for i, w in enumerate(words) if w in ("|", "||", ">", "&&")), len(words))
            found.append(words[1:cut])
    return found


def data_example(name: str) -> list[str]:
    """NAME's first example that asks for no format: what it prints is its records, as designed."""
    plain = [e for e in examples(name) if not {"--json", "--format", "-f"} & set(e)]
    return plain[0]
