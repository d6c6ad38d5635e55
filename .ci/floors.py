"""Print each runtime dependency of pyproject.toml pinned at its floor ('typer>=0.26,<0.29' -> 'typer==0.26').

CI installs these into a fresh venv and runs the tests, so the floors the
project declares are floors it has been tested on.
"""

import re
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: tomli, a dependency of the project, reads it
    import tomli as tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
for requirement in project["project"]["dependencies"]:
    floor = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)(?:\s*,.*)?", requirement.strip())
    if floor is None:
        sys.exit(f"floors: no '>=' floor in {requirement!r}")
    print(f"{floor.group(1)}=={floor.group(2)}")
