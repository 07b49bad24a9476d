"""The sovereign-events CrossGuard pack. Pulumi runs this file and it serves gRPC; the rules
live in ``sovereign_components.policies`` (installed from ``requirements.txt``)."""

from pulumi_policy import EnforcementLevel, PolicyPack

from sovereign_components.policies import ENFORCEMENT_LEVEL, INITIAL_CONFIG, PACK_NAME, build_policies

PolicyPack(
    name=PACK_NAME,
    policies=build_policies(),
    enforcement_level=EnforcementLevel(ENFORCEMENT_LEVEL),
    initial_config=INITIAL_CONFIG,
)
