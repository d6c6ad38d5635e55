"""The command line: thin commands over catcli's library, and the one place errors become exit codes.

Each command group is a small module (lookups, explore, maintenance,
completion) that wires options to the Python API and the renderers. The root
group imports only the module of the command being run (click's lazy-group
pattern), so ``catcli list`` never loads the maintenance code. Every
CatcliError, usage error and closed stream ends in ``Group.main``: one
message on stderr, one exit code, never a traceback.
"""

import contextlib
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any

import typer
from typer import _click as click
from typer.core import TyperGroup
from typer.main import get_command_from_info

from catcli.cli.options import CheckedHelp, exit_codes, made
from catcli.errors import EXIT_DATA, CatcliError, UnknownValue, UsageError
from catcli.streams import Closed, ClosedOutput, emit, warn
from catcli.text import printable

COMPLETE_VAR = "_CATCLI_COMPLETE"  # set by catcli's completion scripts (catcli.completion)

MAX_ARGUMENTS = 20_000  # far beyond any real command line; bounds the work for any argv
# Every command and the module that defines it: the one list of commands.
COMMANDS = {
    "list": "catcli.cli.lookups",
    "show": "catcli.cli.lookups",
    "search": "catcli.cli.lookups",
    "check": "catcli.cli.lookups",
    "matrix": "catcli.cli.explore",
    "regions": "catcli.cli.explore",
    "types": "catcli.cli.explore",
    "info": "catcli.cli.explore",
    "import": "catcli.cli.maintenance",
    "validate": "catcli.cli.maintenance",
    "diff": "catcli.cli.maintenance",
    "completion": "catcli.cli.completion",
}


def command_info(name: str) -> Any:
    """The registered command NAME (a Typer CommandInfo), importing only its module."""
    import_module(COMMANDS[name])
    return made(name)


class Group(CheckedHelp, TyperGroup):
    """The root: commands loaded by name when run, and every failure turned into a message and a code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return get_command_from_info(
            command_info(cmd_name), pretty_exceptions_short=True, rich_markup_mode=None
        )

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """An unknown command is an unknown value like any other: named, with the closest commands."""
        name = args[0] if args else ""
        if name in COMMANDS or name.startswith("-") or ctx.resilient_parsing:
            return super().resolve_command(ctx, args)
        from catcli.resolve import suggest  # only for a mistyped command

        raise UnknownValue("command", name, suggest(name, list(COMMANDS)), listing="catcli --help")

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with the whole first sentence of its help, wrapped: click's own list cuts
        a sentence short with '...' to keep it on one line."""
        found = ((name, self.get_command(ctx, name)) for name in self.list_commands(ctx))
        rows = [(name, command.get_short_help_str(limit=200)) for name, command in found if command]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        try:
            if len(arguments) > MAX_ARGUMENTS:  # click's parser is quadratic in their number
                raise UsageError(
                    f"{len(arguments):,} arguments; catcli takes at most {MAX_ARGUMENTS:,}",
                    hint="give fewer: a search needs a few words, a filter a few values",
                )
            code = super().main(arguments, prog_name, complete_var, standalone_mode=False, **extra)
        except (click.ClickException, typer.Abort, CatcliError, Closed) as exc:
            if not standalone_mode:
                raise
            code = fail(exc)
        if standalone_mode:
            sys.exit(code if isinstance(code, int) else 0)
        return code


def fail(exc: Exception) -> int:
    """The message for a failure, on stderr, and its exit code: the error funnel."""
    if isinstance(exc, Closed):
        return 0  # the reader went away: not an error, as with head
    if isinstance(exc, click.ClickException):
        context = getattr(exc, "ctx", None)
        said = exc.format_message().rstrip(".")  # click's words, in catcli's style: 'error: no such option'
        where = context.command_path if context else "catcli"
        warn(f"error: {said[:1].lower()}{said[1:]}", f"see: {where} --help")
        return exc.exit_code
    if isinstance(exc, CatcliError):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stdout.flush()  # what was written goes before the error; a failure here is the same error
        warn(f"error: {exc.message}", exc.hint)
        return exc.exit_code
    warn("error: aborted")
    return 130


app = typer.Typer(
    cls=Group,
    name="catcli",
    help="Which TikTok Shop Partner Center service categories may a partner offer?\n\n"
    "Offline lookups by partner type, registration region and target market.\n\n"
    "\b\nExamples:\n  catcli list --type tsp --region Japan\n  catcli show 'Paid Media'\n"
    "  catcli list --type tsp --region Japan --json",
    epilog=exit_codes("the answer is no (see each command's help)"),
    rich_markup_mode=None,  # plain help and errors: no Rich import on those paths
    pretty_exceptions_enable=False,
    add_completion=False,  # `catcli completion SHELL` instead of two hidden options
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(context: typer.Context, value: bool) -> None:
    if value and not context.resilient_parsing:  # a shell completing the line runs no callback
        from catcli.info import version_line  # only for --version

        emit(printable(version_line()) + "\n")  # a catalog's path is echoed: no raw escape reaches a terminal
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    context: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and catalog edition."
    ),
) -> None:
    """Which TikTok Shop Partner Center service categories may a partner offer?"""
    if context.invoked_subcommand is None:
        # Bare `catcli` is a request for help: print it to stdout, exit 0.
        emit(context.get_help() + "\n")
        raise typer.Exit()


def main() -> None:
    """Console-script entry point: output problems end in one stderr line, never a traceback."""
    if sys.stdout is None:  # fd 1 closed: Python left no stream
        sys.stdout = ClosedOutput()
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    if COMPLETE_VAR in os.environ:
        from catcli.completion import respond  # a shell is asking: never on a lookup's path

        with contextlib.suppress(CatcliError, Closed):
            emit(respond(typer.main.get_command(app), os.environ[COMPLETE_VAR], os.environ, sys.argv[1:]))
        sys.exit(_flushed(0))
    code = 0
    try:
        app(prog_name="catcli")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as exc:  # click's own writes (help, usage) are not checked like emit's
        warn(f"error: cannot write output: {exc.strerror or exc}")
        code = EXIT_DATA
    sys.exit(_flushed(code))


def _flushed(code: int) -> int:
    """The exit code after the last flush of stdout; a reader that went away must not make
    the interpreter complain at exit."""
    if code != EXIT_DATA:  # an output failure is reported once, not again by this flush
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            pass
        except OSError as exc:
            warn(f"error: cannot write output: {exc.strerror or exc}")
            code = EXIT_DATA
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return code
