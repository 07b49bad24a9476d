"""Application-side runtime of the event contract: the processor guard, the metadata-only
projection, the cross-boundary publisher, the saga orchestrator and the routing what-if.

Pure: no Pulumi and no Azure SDK; the deployed Functions app (``functions_app``) adapts these
to its bindings, and tests call them directly.
"""
