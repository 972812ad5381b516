"""ikscli: intermunicipal cooperation (interkommunalt samarbeid) as validated data."""

__version__ = "0.1.0"
