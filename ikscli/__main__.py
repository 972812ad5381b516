"""`python -m ikscli`."""

from ikscli.cli.app import main

main()
