"""catcli start-up benchmark: medians of per-round ratios against a framework floor.

Absolute times drift with the machine, and so do ratios to bare Python: the
floor itself moved from 5.4x to 6.0x bare Python between two days. So the
targets are ratios to a *floor*, a minimal Typer app on the Typer and Rich
installed beside catcli that prints the same rows the same way (as JSON, or
as a Rich table) with nothing of catcli. Each round runs bare ``python -c
pass``, the floors and every command once, in turn; a figure is the median of
the per-round ratios. Standard library only; it measures the interpreter that
runs it and the ``catcli`` installed beside that interpreter. See
bench/README.md.

    python bench/bench.py [--rounds 40] [--warmup 3] [--json]

Exits 1 if a figure misses its target.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import py_compile
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
QUERY = ["list", "--type", "tsp", "--region", "Japan"]
# The same rows, asked for by a name that misses the catalog and the English
# names: Spanish for Japan, found in pycountry's translations.
MISS = ["list", "--type", "tsp", "--region", "Jap\u00f3n"]
# Settings a user may have that would change what is measured. TTY_* make
# Rich draw as if to a terminal.
DROPPED_ENV = (
    "CATCLI_CATALOG",
    "NO_COLOR",
    "FORCE_COLOR",
    "PAGER",
    "CATCLI_PAGER",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)
# The floor: catcli's printing work, on its Typer and Rich, with nothing of
# catcli. Like catcli, it imports Rich only to draw a table. It is a module
# behind a one-line script, as catcli is behind its console script, so both
# run from cached bytecode.
FLOOR_APP = """\
import json

import typer

ROWS = __ROWS__

app = typer.Typer()


@app.command()
def main(json_: bool = typer.Option(False, "--json")) -> None:
    if json_:
        print(json.dumps(ROWS, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("Main category", "Service category", "Definition")
    for row in ROWS:
        table.add_row(row["main_category"], row["service_category"], row["definition"])
    Console().print(table)
"""
FLOOR_SCRIPT = "import sys\n\nfrom floor_app import app\n\nsys.exit(app())\n"
# The measuring loop, run by a fresh interpreter that imports nothing more.
# A child's ru_maxrss counts the memory of the process it was spawned from
# (up to its exec), so measured from this script every figure would be at
# least this script's own ~15 MiB; from this loop, at least ~9 MiB, what bare
# Python takes anyway. Prints "round command seconds max-RSS CPU-seconds" per
# run; the CPU time (user and system) is for information, as it moves less than
# wall time when other work shares the machine.
MEASURE = """\
import os, sys, time
commands = __COMMANDS__
to_null = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
for round_number in range(__RUNS__):
    for index, (command, env) in enumerate(commands):
        start = time.perf_counter()
        pid = os.posix_spawn(command[0], command, env, file_actions=to_null)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        if status:
            sys.exit(f"bench: {' '.join(command)} failed, wait status {status}")
        print(round_number, index, elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""

# A table header line: [name] or [[name]], with an optional comment.
TABLE_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.MULTILINE)
# main_category's value as a basic ("...") or a literal ('...') string.
MAIN_CATEGORY = re.compile(
    r"""^([ \t]*main_category[ \t]*=[ \t]*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*')""", re.MULTILINE
)


class Figure(NamedTuple):
    label: str
    measured: float
    target: float
    unit: str

    @property
    def ok(self) -> bool:
        return self.measured <= self.target


def output(command: list[str], env: dict[str, str]) -> str:
    """What a command prints, run once outside the measurements."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def synthetic_catalog(source: Path, copies: int, target: Path) -> int:
    """The catalog with its services repeated, each copy's main categories made distinct.

    Everything before the first [[services]] is kept once, as is any other
    table after it; a service runs from its [[services]] header to the next
    header that is not one of its own sub-tables ([services.x]).
    """
    text = source.read_text(encoding="utf-8")
    headers = [(match.start(), match.group(1)) for match in TABLE_HEADER.finditer(text)]
    first = next((start for start, name in headers if name == "services"), None)
    if first is None:
        raise SystemExit(f"bench: no [[services]] in {source}")
    services: list[str] = []
    others: list[str] = []
    sections = [(start, name) for start, name in headers if start >= first] + [(len(text), "")]
    for (start, name), (end, _) in itertools.pairwise(sections):
        section = text[start:end] if text[start:end].endswith("\n") else text[start:end] + "\n"
        if name == "services":
            if not MAIN_CATEGORY.search(section):
                raise SystemExit(f"bench: a service without main_category in {source}:\n{section}")
            services.append(section)
        elif name.startswith("services."):
            services[-1] += section
        else:
            others.append(section)

    def distinct(section: str, copy: int) -> str:
        return MAIN_CATEGORY.sub(
            lambda match: f"{match.group(1)}{match.group(2)[:-1]} #{copy}{match.group(2)[-1]}",
            section,
            count=1,
        )

    out = [text[:first]]
    out += [distinct(section, copy) for copy in range(copies) for section in services]
    out += others
    target.write_text("".join(out), encoding="utf-8")
    return len(services) * copies


def editable(python: str) -> bool:
    """Whether the catcli beside PYTHON is an editable install (PEP 660: direct_url.json says so)."""
    code = (
        "import importlib.metadata as m, json\n"
        "url = m.distribution('catcli').read_text('direct_url.json')\n"
        "print(bool(url and json.loads(url).get('dir_info', {}).get('editable')))"
    )
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return done.stdout.strip() == "True"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--make-catalog", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_catalog:
        print(synthetic_catalog(ROOT / "catalog.toml", 100, Path(args.make_catalog)))
        return 0
    if args.rounds < 1 or args.warmup < 0:
        parser.error("--rounds must be at least 1 and --warmup at least 0")

    python = sys.executable
    catcli = str(Path(python).with_name("catcli"))
    if not Path(catcli).exists():
        raise SystemExit(f"bench: no catcli beside {python}; pip install . first")
    if editable(python):
        print(
            "bench: catcli is an editable install here, whose import hook adds start-up time;"
            " the targets are for a plain `pip install .` (make bench makes one in .venv-bench)",
            file=sys.stderr,
        )

    with tempfile.TemporaryDirectory() as scratch:
        # An empty home, so that no catalog or setting of the user's counts.
        home = Path(scratch) / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env |= {"COLUMNS": "100", "HOME": str(home), "XDG_DATA_HOME": str(home)}

        json_rows = output([catcli, *QUERY, "--json"], env)
        rows = json.loads(json_rows)
        floor_app = Path(scratch) / "floor_app.py"
        floor_app.write_text(FLOOR_APP.replace("__ROWS__", repr(rows)), encoding="utf-8")
        py_compile.compile(str(floor_app), doraise=True)
        floor = Path(scratch) / "floor.py"
        floor.write_text(FLOOR_SCRIPT, encoding="utf-8")
        floor_matches = output([python, str(floor), "--json"], env) == json_rows
        if output([catcli, *MISS, "--json"], env) != json_rows:
            raise SystemExit(f"bench: {' '.join(MISS)} does not print what {' '.join(QUERY)} prints")
        # A pager is never used when stdout is not a terminal; the option only makes sure.
        no_pager = ["--no-pager"] if "--no-pager" in output([catcli, "list", "--help"], env) else []

        big = Path(scratch) / "big.toml"
        # Made in a child process, so that this process stays small (see MEASURE).
        made = subprocess.run(
            [python, __file__, "--make-catalog", str(big)], capture_output=True, text=True, check=True
        )
        big_rows = int(made.stdout)
        commands = {
            "bare": ([python, "-c", "pass"], env),
            "json floor": ([python, str(floor), "--json"], env),
            "json": ([catcli, *QUERY, "--json"], env),
            "table floor": ([python, str(floor)], env),
            "table": ([catcli, *QUERY, *no_pager], env),
            "big": ([catcli, *QUERY, "--json"], env | {"CATCLI_CATALOG": str(big)}),
            # No usable cache directory: every run parses and checks the catalog,
            # as the first run after a catalog changes does.
            "cold": ([catcli, *QUERY, "--json"], env | {"XDG_CACHE_HOME": os.devnull}),
            # A name only the translations know, with the names cached (by the warm-up rounds).
            "miss": ([catcli, *MISS, "--json"], env),
            # The same with no cache: every run builds the indexes of pycountry's names,
            # as the first miss after installing (or upgrading) pycountry does.
            "cold miss": ([catcli, *MISS, "--json"], env | {"XDG_CACHE_HOME": os.devnull}),
        }
        code = MEASURE.replace("__COMMANDS__", repr(list(commands.values())))
        code = code.replace("__RUNS__", str(args.warmup + args.rounds))
        measured = subprocess.run([python, "-c", code], capture_output=True, text=True)
        if measured.returncode != 0:
            raise SystemExit(measured.stderr)

    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    rss: dict[str, list[int]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for line in measured.stdout.splitlines():
        round_number, index, elapsed, max_rss, cpu_seconds = line.split()
        if int(round_number) >= args.warmup:
            times[names[int(index)]].append(float(elapsed))
            rss[names[int(index)]].append(int(max_rss) // 1024 if sys.platform == "darwin" else int(max_rss))
            cpu[names[int(index)]].append(float(cpu_seconds))

    def ratio(name: str, base: str = "bare") -> float:
        return statistics.median(t / b for t, b in zip(times[name], times[base], strict=True))

    def extra_ms(name: str, base: str) -> float:
        return statistics.median(t - b for t, b in zip(times[name], times[base], strict=True)) * 1000

    def ms(name: str) -> float:
        return statistics.median(times[name]) * 1000

    def cpu_extra_ms(name: str, base: str) -> float:
        return statistics.median(t - b for t, b in zip(cpu[name], cpu[base], strict=True)) * 1000

    def mib(name: str) -> float:
        return max(rss[name]) / 1024

    n = len(rows)
    figures = [
        Figure(f"list --json ({n} rows) vs JSON floor", ratio("json", "json floor"), 1.10, "x floor"),
        Figure(f"list, Rich table ({n} rows) vs table floor", ratio("table", "table floor"), 1.10, "x floor"),
        Figure("list --json, no cache yet, vs JSON floor", ratio("cold", "json floor"), 1.15, "x floor"),
        Figure("list, Rich table: max RSS", mib("table"), 21.0, "MiB"),
        Figure(f"list --json, 100x catalog ({big_rows} services)", ratio("big", "json"), 3.0, "x real"),
        Figure("list --json, a translated name, vs JSON floor", ratio("miss", "json floor"), 1.30, "x floor"),
        Figure("the first miss: indexes built, over a cold hit", extra_ms("cold miss", "cold"), 300, "ms"),
    ]
    header = {
        "date": time.strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "rounds": args.rounds,
        "warmup": args.warmup,
    }
    information: dict[str, Any] = {
        "bare_python_ms": ms("bare"),
        "bare_python_max_rss_mib": mib("bare"),
        "x_bare_python": {
            name: ratio(name)
            for name in ("json", "table", "big", "cold", "miss", "cold miss", "json floor", "table floor")
        },
        "median_ms": {name: ms(name) for name in commands},
        "max_rss_mib": {name: mib(name) for name in commands},
        "catcli_ms_over_floor": {
            "json": extra_ms("json", "json floor"),
            "table": extra_ms("table", "table floor"),
            "cold": extra_ms("cold", "json floor"),
            "miss": extra_ms("miss", "json floor"),
            "cold miss": extra_ms("cold miss", "json floor"),
        },
        "cpu_ms_over": {
            "miss over json": cpu_extra_ms("miss", "json"),
            "cold miss over cold": cpu_extra_ms("cold miss", "cold"),
        },
        "cold_x_json_floor": ratio("cold", "json floor"),
        "json_floor_prints_what_catcli_prints": floor_matches,
        "table_command": ["catcli", *QUERY, *no_pager],
        "miss_command": ["catcli", *MISS, "--json"],
    }
    if args.json:
        figures_out = [{**figure._asdict(), "ok": figure.ok} for figure in figures]
        print(json.dumps({**header, "figures": figures_out, "information": information}, indent=2))
    else:
        print(
            f"catcli start-up, {args.rounds} rounds, {header['date']}, "
            f"Python {header['python']} on {header['machine']} ({header['cpus']} cpus)"
        )
        print(f"{'figure':46} {'measured':>9} {'target':>7}  {'unit':8}")
        for figure in figures:
            print(
                f"{figure.label:46} {figure.measured:9.2f} {figure.target:7.2f}  {figure.unit:8}"
                f"{'ok' if figure.ok else 'MISSED'}"
            )
        print("\ninformation (no targets):")
        print(
            f"  bare python -c pass: {ms('bare'):.1f} ms median, max RSS {mib('bare'):.1f} MiB "
            "(more would mean this script inflated the RSS figures)"
        )
        print(f"  {'':22} {'x bare python':>13} {'median ms':>10} {'max RSS MiB':>12}")
        for name, label in (
            ("json floor", "JSON floor"),
            ("json", "list --json"),
            ("table floor", "table floor"),
            ("table", "list, Rich table"),
            ("big", "list --json, 100x"),
            ("cold", "list --json, no cache"),
            ("miss", "translated name"),
            ("cold miss", "translated, no cache"),
        ):
            print(f"  {label:22} {ratio(name):13.2f} {ms(name):10.1f} {mib(name):12.1f}")
        for name, label in (("json", "list --json"), ("table", "the table")):
            floor_name = f"{name} floor"
            over = extra_ms(name, floor_name)
            print(
                f"  catcli's own work in {label}: {over:+.1f} ms on top of its floor "
                f"({over / ms(floor_name) * 100:+.0f}% of it)"
            )
        print(
            f"  a translated name: {extra_ms('miss', 'json'):+.1f} ms on top of the same rows by name "
            f"({cpu_extra_ms('miss', 'json'):+.1f} ms of CPU); the first one: "
            f"{extra_ms('cold miss', 'cold'):+.1f} ms ({cpu_extra_ms('cold miss', 'cold'):+.1f} ms of CPU)"
        )
        if not floor_matches:
            print("  note: the JSON floor does not print exactly what catcli prints")
    return 0 if all(figure.ok for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
