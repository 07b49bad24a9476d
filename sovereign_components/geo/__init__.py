"""Geography: the Azure region catalogue and the sovereignty boundaries, as data.

Owns :mod:`.regions` (``data/regions.csv``: every public region, its geography and published
pair) and :mod:`.boundary` (``data/boundaries.toml``: EU, EEA, EUDB, US, UK, ... and custom
region sets). Where the data comes from and what it does not say (geography is not
jurisdiction, one-way pairs, restricted regions): ``data/README.md``.

May import: nothing of this project (the bottom layer); never Pulumi.
"""
