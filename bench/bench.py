"""catcli start-up benchmark: medians of per-round ratios against bare Python.

Absolute times drift on shared machines; ratios taken in the same round do
not. Each round runs bare ``python -c pass`` and every command once, in
turn, and divides. Standard library only; it measures the interpreter that
runs it and the ``catcli`` installed beside that interpreter.

    python bench/bench.py [--rounds 40]

Exits 1 if a figure misses its target.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_APP = """\
import typer

app = typer.Typer()


@app.command()
def main(json_: bool = typer.Option(False, "--json")) -> None:
    print('[{"type": "tsp"}]')


app()
"""
QUERY = ["list", "--type", "tsp", "--region", "Japan"]


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and max RSS in KiB of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} exited {process.returncode}:\n{error}")
    return elapsed, usage.ru_maxrss


def synthetic_catalog(source: Path, copies: int, target: Path) -> int:
    """The real catalog with its services repeated, each copy's categories made distinct."""
    text = source.read_text(encoding="utf-8")
    head, _, services = text.partition("\n[[services]]\n")
    blocks = ("[[services]]\n" + services).split("\n\n")
    out = [head, ""]
    out += [
        re.sub(r'(main_category = ".*?)"', rf'\1 #{copy}"', block, count=1)
        for copy in range(copies)
        for block in blocks
    ]
    target.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return len(blocks) * copies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--make-catalog", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_catalog:
        print(synthetic_catalog(ROOT / "catalog.toml", 100, Path(args.make_catalog)))
        return 0

    python = sys.executable
    catcli = str(Path(python).with_name("catcli"))
    if not Path(catcli).exists():
        raise SystemExit(f"bench: no catcli beside {python}; pip install . first")
    env = {k: v for k, v in os.environ.items() if k not in ("CATCLI_CATALOG", "NO_COLOR", "FORCE_COLOR")}
    env["COLUMNS"] = "100"

    with tempfile.TemporaryDirectory() as scratch:
        floor = Path(scratch) / "floor.py"
        floor.write_text(FLOOR_APP, encoding="utf-8")
        big = Path(scratch) / "big.toml"
        # Made in a child process: ru_maxrss counts a child's memory from before
        # its exec, so this process must stay smaller than what it measures.
        made = subprocess.run(
            [python, __file__, "--make-catalog", str(big)], capture_output=True, text=True, check=True
        )
        rows = int(made.stdout)
        commands = {
            "bare": ([python, "-c", "pass"], env),
            "floor": ([python, str(floor), "--json"], env),
            "json": ([catcli, *QUERY, "--json"], env),
            "table": ([catcli, *QUERY], env),
            "big": ([catcli, *QUERY, "--json"], env | {"CATCLI_CATALOG": str(big)}),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        rss: dict[str, list[int]] = {name: [] for name in commands}
        for round_number in range(args.warmup + args.rounds):
            for name, (command, command_env) in commands.items():
                elapsed, max_rss = run(command, command_env)
                if round_number >= args.warmup:
                    times[name].append(elapsed)
                    rss[name].append(max_rss)

    def ratio(name: str, base: str = "bare") -> float:
        return statistics.median(t / b for t, b in zip(times[name], times[base], strict=True))

    floor_ratio = ratio("floor")
    figures = [
        ("list --json", ratio("json"), 6.5, "x bare python", f"floor {floor_ratio:.2f}x"),
        ("list (Rich table)", ratio("table"), 9.0, "x bare python", f"floor {floor_ratio:.2f}x"),
        (
            "list (table) max RSS",
            max(rss["table"]) / 1024,
            21.0,
            "MiB",
            f"floor {max(rss['floor']) / 1024:.1f} MiB",
        ),
        (f"list --json, 100x catalog ({rows} rows)", ratio("big", "json"), 3.0, "x real catalog", ""),
    ]
    print(
        f"catcli start-up, {args.rounds} rounds, {time.strftime('%Y-%m-%d')}, "
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} cpus)"
    )
    print(
        f"bare python -c pass: median {statistics.median(times['bare']) * 1000:.1f} ms, "
        f"max RSS {max(rss['bare']) / 1024:.1f} MiB (a larger figure would mean this script inflated it)"
    )
    print(f"{'figure':44} {'measured':>10} {'target':>8}  {'':14} beside it")
    missed = 0
    for label, value, target, unit, beside in figures:
        ok = value <= target
        missed += not ok
        print(f"{label:44} {value:10.2f} {target:8.2f}  {unit:14} {beside}  {'ok' if ok else 'MISSED'}")
    catcli_ms = statistics.median(times["json"]) * 1000
    floor_ms = statistics.median(times["floor"]) * 1000
    print(
        f"catcli's own work on top of the floor (list --json): {catcli_ms - floor_ms:.1f} ms "
        f"({(catcli_ms / floor_ms - 1) * 100:.0f}% of the floor)"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
