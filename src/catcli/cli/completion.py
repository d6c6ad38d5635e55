"""The completion command: the script a shell sources to complete catcli's words."""

from typing import Annotated

import typer

from catcli.cli.options import Completed, Run, command
from catcli.completion import script
from catcli.streams import emit

group = typer.Typer()


@command(group, "completion")
def completion(
    run: Run,
    shell: Annotated[
        str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.", click_type=Completed("shell"))
    ],
) -> None:
    """Print the shell completion script for SHELL.

    \b
    Examples:
      catcli completion bash > ~/.local/share/bash-completion/completions/catcli
      catcli completion zsh > "${fpath[1]}/_catcli"
      catcli completion fish > ~/.config/fish/completions/catcli.fish
    """
    emit(script(shell))
