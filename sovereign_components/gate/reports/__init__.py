"""Reports of a gate run: text (the ``pulumi preview`` look), JSON (lossless, a ``check-state``
input) and SARIF 2.1.0 (code scanning)."""
