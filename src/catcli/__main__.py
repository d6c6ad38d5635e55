"""Allow ``python -m catcli``."""

from catcli.cli import main

main()
