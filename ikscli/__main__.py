"""`python -m ikscli`."""

from ikscli.cli import main

main()
