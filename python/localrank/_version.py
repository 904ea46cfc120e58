"""The package's version, read by pyproject.toml and written into each run's producer."""

__version__ = "0.1.0"
