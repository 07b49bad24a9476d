"""The Azure Functions app (Python v2 programming model) that RegionalEventPlane deploys.

``function_app.py``, ``host.json`` and ``requirements.txt`` go to the root of the deployed
archive (see :mod:`sovereign_components.components.functions_package`); this ``__init__`` only makes the
directory ship as package data and is not deployed.
"""
