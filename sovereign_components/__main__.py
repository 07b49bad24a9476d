"""``python -m sovereign_components`` runs the ``sovereign`` CLI."""

from .gate.cli import entry

entry()
