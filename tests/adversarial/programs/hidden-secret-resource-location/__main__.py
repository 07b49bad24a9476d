"""A namespace whose `location` is a secret config value (undecryptable offline).

Attack: `location=cfg.require_secret("region")`: the value is `secure:` in the stack file.
Offline it cannot be read; the location rule cannot decide, which must not count as a pass.

Class: hidden values
Issue: 13 provider defaults (secrets)
Blame: bus
Mentions: secret
"""

import pulumi
from pulumi_azure_native import servicebus

cfg = pulumi.Config()
servicebus.Namespace(
    "bus",
    resource_group_name="rg-bus",
    location=cfg.require_secret("region"),
    sku={"name": "Premium", "tier": "Premium", "capacity": 1},
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
