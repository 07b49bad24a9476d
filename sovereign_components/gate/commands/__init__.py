"""One module per ``sovereign`` subcommand (see ``sovereign_components.gate.cli``)."""
