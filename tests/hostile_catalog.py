"""A catalog whose names hold what a shell would run or split: command substitution, backticks,
';', '&', quotes, backslashes, globs and a line break, to prove completion inserts them as text."""

from __future__ import annotations

import json
from pathlib import Path

# Each name runs `touch PWNED-…` in the working directory if a shell ever evaluates it.
SERVICES = (
    "Paid $(touch PWNED-1) Media",
    "Tick `touch PWNED-2` Tock",
    "Semi; touch PWNED-3 & done",
    "Quote \"dq\" 'sq' it's",
    "Back\\slash \\$(touch PWNED-4)",
    "Bang !! ~ * ? [x] {a,b} # % ^ = : < > |",
)
REGION = "Ja$(touch PWNED-5)pan"
TYPE_NAME = "Ty`touch PWNED-7`pe"
# A region whose name holds a line break: completion never offers it, whether or not the
# catalog checker lets such a name in (it refuses names that are not one line).
BROKEN_REGION = "New\nline $(touch PWNED-6)"


def write(path: Path, broken: bool = False) -> Path:
    """The hostile catalog, written at PATH (it passes `catcli validate`); BROKEN adds BROKEN_REGION."""

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string

    parts = ['[catalog]\nsource = "hostile"\nedition = "2026-01-01"\nimported = "2026-01-01"\n']
    parts.append(f'[[types]]\nid = "evil"\nname = {text(TYPE_NAME)}\naliases = []\n')
    for region, code in ((REGION, "JP"), *([(BROKEN_REGION, "DE")] if broken else [])):
        country = text(region + " land")
        parts.append(
            f"[[regions]]\nname = {text(region)}\naliases = []\n"
            f'countries = [{{ code = "{code}", name = {country} }}]\n'
        )
        parts += [
            f'[[services]]\ntype = "evil"\nregistration_region = {text(region)}\n'
            f"target_markets = [{text(region)}]\nmain_category = {text('Main ' + name)}\n"
            f"service_category = {text(name)}\ndefinition = 'd'\n"
            for name in SERVICES
        ]
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
