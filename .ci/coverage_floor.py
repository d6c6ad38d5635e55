"""Fail when any module's coverage (lines and branches) is under the floor: the total alone
can hide a module that is barely tested. Reads the data that `pytest --cov` left behind."""

import json
import subprocess
import sys

FLOOR = 90.0

report = json.loads(
    subprocess.run(
        [sys.executable, "-m", "coverage", "json", "-q", "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
)
low = {
    name: data["summary"]["percent_covered"]
    for name, data in report["files"].items()
    if data["summary"]["percent_covered"] < FLOOR
}
for name, percent in sorted(low.items()):
    print(f"coverage: {name} is at {percent:.1f} %, under the {FLOOR:.0f} % every module must reach")
sys.exit(1 if low else 0)
