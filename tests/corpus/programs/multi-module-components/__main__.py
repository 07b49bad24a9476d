"""A project split into `__main__.py` and a `components.py` with a ComponentResource.

The component creates a private Service Bus namespace with a queue per name given, as
children; the main module composes two of them in one group.

Style: multi-module project (components.py)
"""

import pulumi
from pulumi_azure_native import resources

from components import Messaging

rg = resources.ResourceGroup("platform", location="westeurope")
orders = Messaging("orders", resource_group_name=rg.name, queues=["incoming", "retry"])
billing = Messaging("billing", resource_group_name=rg.name, queues=["invoices"])
pulumi.export("namespaces", [orders.namespace_name, billing.namespace_name])
