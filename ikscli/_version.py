"""The version, on its own: what reads it (the cache's key, --version) imports nothing else."""

__version__ = "0.1.0"


def version_line() -> str:
    """What `ikscli --version` prints (answered before typer loads, or by its option)."""
    return f"ikscli {__version__}\n"
