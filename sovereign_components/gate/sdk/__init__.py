"""SDK facts: what the installed Pulumi provider SDKs declare, read from their classes.

The engine needs to know which resource types take a ``location`` (the provider fills a missing
one), what every output and every invoke result looks like (typed placeholders offline), and
which wire keys an input type has (a snake_case key from a dict passed for a union-typed
argument is one the provider will not read); the policy pack's generated facts
(``tools/policy_facts.py``) need which inputs are network/auth switches, ids or URLs. All of it
is what the SDK itself declares, so it is derived from the SDK, never listed by hand::

    from sovereign_components.gate.sdk import load_schema
    schema = load_schema()                 # or load_schema(python=<the program's interpreter>)
    spec = schema.resource("azure-native:storage:StorageAccount")   # v2/versioned aliases too
    spec.takes_location, spec.inputs.properties["publicNetworkAccess"].enum, spec.outputs
    fn = schema.function("azure-native:authorization:getClientConfig")
    fn.result.properties

Modules: :mod:`.types` (the data shapes), :mod:`.introspect` (reads one SDK module, in the
SDK's interpreter), :mod:`.cache` (documents on disk per package version), :mod:`.schema`
(lookups by token, alias resolution, other interpreters).
"""

from __future__ import annotations

from .schema import ProviderPackage, SdkError, SdkSchema, load_schema
from .types import FunctionSpec, ResourceSpec, TypeSpec

__all__ = [
    "FunctionSpec",
    "ProviderPackage",
    "ResourceSpec",
    "SdkError",
    "SdkSchema",
    "TypeSpec",
    "load_schema",
]
