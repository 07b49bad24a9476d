"""A small program that breaks rules of both packs on purpose.

- storage account "archive": plain HTTP allowed (acme storage-https-only), no costCenter tag,
  public network access absent (sovereignty: public by default);
- Service Bus namespace "bus": no TLS pin (acme servicebus-min-tls), public network enabled
  (SDK-injected default);
- queue "jobs": namespace from this stack (acme queues-need-namespace passes);
- Event Grid topic "ingest": makes acme's exploding-policy raise; deployed to eastus, outside EU.
"""

import pulumi
from pulumi_azure_native import eventgrid, resources, servicebus, storage

cfg = pulumi.Config()
prefix = cfg.require("prefix")

rg = resources.ResourceGroup("rg", resource_group_name=f"{prefix}-rg", location="westeurope")

archive = storage.StorageAccount(
    "archive",
    account_name=f"{prefix}archive",
    resource_group_name=rg.name,
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_LRS"),
    enable_https_traffic_only=False,
    tags={"owner": "platform"},
)

bus = servicebus.Namespace(
    "bus",
    namespace_name=f"{prefix}-bus",
    resource_group_name=rg.name,
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium"),
    tags={"owner": "platform", "costCenter": "cc-1"},
)

jobs = servicebus.Queue("jobs", queue_name="jobs", namespace_name=bus.name, resource_group_name=rg.name)

topic = eventgrid.Topic(
    "ingest",
    topic_name=f"{prefix}-ingest",
    resource_group_name=rg.name,
    location="eastus",
    tags={"owner": "platform", "costCenter": "cc-1"},
)

pulumi.export("archive", archive.name)
