"""Placeholder until its issue lands: exits 2 saying so."""

from __future__ import annotations

import argparse

from ..errors import UsageError

HELP = "(not yet available)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    return None


def run(args: argparse.Namespace) -> int:
    raise UsageError("this command is not available yet")
