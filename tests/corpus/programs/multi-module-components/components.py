"""Reusable building blocks of the platform."""

from __future__ import annotations

import pulumi
from pulumi_azure_native import servicebus


class Messaging(pulumi.ComponentResource):
    """A private Premium namespace (Entra ID only, TLS 1.2) and its queues."""

    def __init__(self, name: str, resource_group_name: pulumi.Input[str], queues: list[str],
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("platform:messaging:Messaging", name, {}, opts)
        child = pulumi.ResourceOptions(parent=self)
        ns = servicebus.Namespace(
            f"{name}-ns",
            resource_group_name=resource_group_name,
            location="westeurope",
            sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
            public_network_access="Disabled",
            disable_local_auth=True,
            minimum_tls_version="1.2",
            opts=child,
        )
        for q in queues:
            servicebus.Queue(f"{name}-{q}", resource_group_name=resource_group_name, namespace_name=ns.name,
                             dead_lettering_on_message_expiration=True, opts=child)
        self.namespace_name = ns.name
        self.register_outputs({"namespaceName": ns.name})
