"""Which catalog file answers, and why that one.

The order is ``--catalog PATH``, then ``$CATCLI_CATALOG``, then the user
catalog that ``catcli import`` writes (``$XDG_DATA_HOME/catcli/catalog.toml``,
default ``~/.local/share/catcli/catalog.toml``, on every platform, as the XDG
base directory spec says), then the catalog bundled inside the package. An
explicit path that is missing or broken is an error, never a fall-back.
Only ``os`` calls here: this runs on every lookup.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from catcli.files import checked_path

ENV_VAR = "CATCLI_CATALOG"
FLAG = "--catalog"
# Why a catalog was chosen, in lookup order.
REASONS = ("flag", "environment", "user", "bundled")


class Located(NamedTuple):
    path: Path
    reason: str  # one of REASONS


def bundled_path() -> Path:
    """The catalog shipped inside the package, or the checkout's for an editable install."""
    packaged = Path(__file__).with_name("catalog.toml")
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "catalog.toml"
    return checkout if checkout.is_file() else packaged


def user_path() -> Path | None:
    """Where ``catcli import`` keeps the user's catalog (XDG base directory spec); None without a home."""
    data_home = os.environ.get("XDG_DATA_HOME", "")
    # The spec: a relative XDG_DATA_HOME is invalid and must be ignored.
    if os.path.isabs(data_home):
        return Path(data_home) / "catcli" / "catalog.toml"
    home = os.path.expanduser("~")
    if home == "~" or not os.path.isabs(home):
        return None
    return Path(home) / ".local" / "share" / "catcli" / "catalog.toml"


def locate(explicit: str | os.PathLike[str] | None = None) -> Located:
    """The catalog to read: --catalog, then $CATCLI_CATALOG, then the user catalog, then the bundled one."""
    if explicit is not None:
        return Located(checked_path(explicit, FLAG), "flag")
    from_env = os.environ.get(ENV_VAR)
    if from_env:  # set but empty means unset, as with NO_COLOR
        return Located(Path(from_env), "environment")
    user = user_path()
    if user is not None and os.path.lexists(user):
        return Located(user, "user")
    return Located(bundled_path(), "bundled")
