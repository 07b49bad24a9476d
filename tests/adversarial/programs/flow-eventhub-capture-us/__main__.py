"""Event Hubs Capture writing every event to a storage account in the US.

Attack: the namespace and hub are in westeurope; `capture_description.destination.
storage_account_resource_id` is an existing US account.

Class: data flows by reference
Issue: 12 value-based flows
Blame: clicks
"""

from pulumi_azure_native import eventhub

ns = eventhub.Namespace(
    "ingest", resource_group_name="rg-ingest", location="westeurope",
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
eventhub.EventHub(
    "clicks",
    resource_group_name="rg-ingest",
    namespace_name=ns.name,
    partition_count=2,
    capture_description=eventhub.CaptureDescriptionArgs(
        enabled=True,
        encoding=eventhub.EncodingCaptureDescription.AVRO,
        destination=eventhub.DestinationArgs(
            name="EventHubArchive.AzureBlockBlob",
            storage_account_resource_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Storage/storageAccounts/archiveeastus",
            blob_container="capture",
            archive_name_format="{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
        ),
    ),
)
