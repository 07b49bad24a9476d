"""A Notification Hubs namespace in westeurope replicating to a region outside the EU.

Attack: `replication_region` is a region *name* in a property no location rule reads
(availability-zone/region replication of push registrations, which carry device tokens and
tags). Only a gate that finds region names by value anywhere in the inputs catches it.

Class: services next to the platform
Issue: 12 services (Notification Hubs replication region)
Blame: push
Mentions: westus2
"""

from pulumi_azure_native import notificationhubs

notificationhubs.Namespace(
    "push",
    resource_group_name="rg-push",
    location="westeurope",
    sku=notificationhubs.SkuArgs(name="Standard"),
    namespace_type="NotificationHub",
    replication_region="WestUs2",
    zone_redundancy="Enabled",
)
