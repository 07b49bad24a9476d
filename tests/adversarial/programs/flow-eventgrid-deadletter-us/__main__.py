"""An in-boundary Event Grid subscription whose dead letters go to a US storage account.

Attack: the delivery target is an in-stack queue; undeliverable events — full payloads — are
written to `dead_letter_destination`, a container of an existing US account.

Class: data flows by reference
Issue: 12 value-based flows
Blame: orders-to-queue
"""

from pulumi_azure_native import eventgrid, servicebus

bus = servicebus.Namespace(
    "bus", resource_group_name="rg-orders", location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
queue = servicebus.Queue("orders", resource_group_name="rg-orders", namespace_name=bus.name)
topic = eventgrid.Topic(
    "orders", resource_group_name="rg-orders", location="westeurope", public_network_access="Disabled",
    disable_local_auth=True, data_residency_boundary="WithinRegion", minimum_tls_version_allowed="1.2")
eventgrid.EventSubscription(
    "orders-to-queue",
    scope=topic.id,
    destination=eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
        endpoint_type="ServiceBusQueue", resource_id=queue.id),
    dead_letter_destination=eventgrid.StorageBlobDeadLetterDestinationArgs(
        endpoint_type="StorageBlob",
        resource_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Storage/storageAccounts/deadlettereastus",
        blob_container_name="orders"),
)
