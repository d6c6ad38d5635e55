"""Which catalog file answers, and why that one.

The order is ``--catalog PATH``, then ``$CATCLI_CATALOG``, then the user
catalog that ``catcli import`` writes (``$XDG_DATA_HOME/catcli/catalog.toml``,
default ``~/.local/share/catcli/catalog.toml``, on every platform, as the XDG
base directory spec says), then the catalog bundled inside the package.

A file named by the flag or the variable, or a user catalog that exists, is
used even when it turns out to be missing or broken: reading it then fails
with an error naming it. Falling back to another catalog would answer from
data the user did not choose, without saying so.

This runs on every lookup, before anything else is loaded: only the
standard library's ``os`` and ``catcli.files`` (the standard library and
catcli's errors) here.
"""

import os
from pathlib import Path
from typing import Literal, NamedTuple

from catcli.files import checked_path

ENV_VAR = "CATCLI_CATALOG"
FLAG = "--catalog"
Reason = Literal["flag", "environment", "user", "bundled"]
# Why a catalog was chosen, in lookup order (`info --json` reports these words).
REASONS: tuple[Reason, ...] = ("flag", "environment", "user", "bundled")


class Located(NamedTuple):
    """A catalog path and why it was chosen: errors and `info` must say how to choose another."""

    path: Path
    reason: Reason


def bundled_path() -> Path:
    """The catalog shipped inside the package; an editable install has it only at the checkout's root."""
    packaged = Path(__file__).with_name("catalog.toml")
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "catalog.toml"
    return checkout if checkout.is_file() else packaged


def user_path() -> Path | None:
    """Where ``catcli import`` keeps the user's catalog; None when there is no home to keep it in.

    The XDG base directory spec on every platform, macOS and Windows too, so a
    user finds the file where the documentation says, whatever the system.
    """
    data_home = os.environ.get("XDG_DATA_HOME", "")
    # The spec: a relative XDG_DATA_HOME is invalid and must be ignored (as is an empty one).
    if os.path.isabs(data_home):
        return Path(data_home) / "catcli" / "catalog.toml"
    home = os.path.expanduser("~")
    if home == "~" or not os.path.isabs(home):
        return None
    return Path(home) / ".local" / "share" / "catcli" / "catalog.toml"


def _present(path: Path) -> bool:
    """Is something there? Only 'nothing there' counts as absent.

    A dangling link, a directory or an unreadable parent is a user catalog
    that cannot be read: an error naming it, never a quiet fall-back to the
    bundled catalog.
    """
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def locate(explicit: str | os.PathLike[str] | None = None) -> Located:
    """The catalog to read, first of: --catalog, $CATCLI_CATALOG, the user catalog, the bundled one."""
    if explicit is not None:
        return Located(checked_path(explicit, FLAG), "flag")
    from_env = os.environ.get(ENV_VAR)
    if from_env:  # set but empty means unset, as with NO_COLOR
        return Located(Path(from_env), "environment")
    user = user_path()
    if user is not None and _present(user):
        return Located(user, "user")
    return Located(bundled_path(), "bundled")
