"""Queues and topics declared in stack config (`require_object`) and created in a loop.

Style: config-driven project (structured stack config)
"""

import pulumi
from pulumi_azure_native import resources, servicebus

cfg = pulumi.Config()
location = cfg.require("location")
messaging = cfg.require_object("messaging")

rg = resources.ResourceGroup("msg", location=location)
ns = servicebus.Namespace(
    "msg",
    resource_group_name=rg.name,
    location=location,
    sku=servicebus.SBSkuArgs(name=messaging["sku"], tier=messaging["sku"], capacity=1),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
for q in messaging["queues"]:
    servicebus.Queue(q["name"], resource_group_name=rg.name, namespace_name=ns.name,
                     requires_session=q.get("sessions", False), max_delivery_count=q.get("maxDelivery", 10))
for t in messaging.get("topics", []):
    topic = servicebus.Topic(t["name"], resource_group_name=rg.name, namespace_name=ns.name)
    for sub in t.get("subscriptions", []):
        servicebus.Subscription(f"{t['name']}-{sub}", resource_group_name=rg.name, namespace_name=ns.name,
                                topic_name=topic.name, max_delivery_count=10)
