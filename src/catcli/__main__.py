"""Allow ``python -m catcli``, started like the console script."""

from catcli.launch import main

main()
