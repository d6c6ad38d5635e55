"""The console-script entry point: catcli with the cyclic garbage collector off.

A lookup lives for a few dozen milliseconds and makes no cyclic garbage worth
collecting, yet importing Typer and Rich sets the collector off again and
again: ~3-4 ms of a ~90 ms run (README, Performance). Only the command-line
process does this; importing catcli as a library leaves the collector alone.
"""

import gc


def main() -> None:
    gc.disable()
    from catcli.cli import main as run  # after gc.disable: the imports are what set it off

    run()
