"""The package version: the one place it is written (pyproject, the policy pack and the
component provider read it from here)."""

__version__ = "0.1.0"
