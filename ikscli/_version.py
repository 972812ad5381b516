"""The version, on its own: what reads it (the cache's key, --version) imports nothing else."""

__version__ = "0.1.0"
