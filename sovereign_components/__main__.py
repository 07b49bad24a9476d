"""``python -m sovereign_components`` runs the ``sovereign`` CLI."""

import sys

from .gate.cli import main

sys.exit(main())
