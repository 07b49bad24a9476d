"""One module per ``sovereign`` subcommand (see ``sovereign_components.cli``)."""
