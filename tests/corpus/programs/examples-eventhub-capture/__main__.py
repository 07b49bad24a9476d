"""Event Hubs with Capture into a container of an account created in the same program.

Style: pulumi/examples-style service sample (Event Hubs capture)
"""

from pulumi_azure_native import eventhub, resources, storage

rg = resources.ResourceGroup("capture", location="westeurope")
account = storage.StorageAccount(
    "capture",
    resource_group_name=rg.name,
    location="westeurope",
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"),
    public_network_access="Disabled",
    allow_blob_public_access=False,
    allow_shared_key_access=False,
    allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2",
)
container = storage.BlobContainer("capture", resource_group_name=rg.name, account_name=account.name,
                                  public_access=storage.PublicAccess.NONE)
ns = eventhub.Namespace(
    "ingest",
    resource_group_name=rg.name,
    location="westeurope",
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    identity=eventhub.IdentityArgs(type="SystemAssigned"),
)
eventhub.EventHub(
    "clicks",
    resource_group_name=rg.name,
    namespace_name=ns.name,
    partition_count=2,
    capture_description=eventhub.CaptureDescriptionArgs(
        enabled=True,
        encoding=eventhub.EncodingCaptureDescription.AVRO,
        interval_in_seconds=300,
        destination=eventhub.DestinationArgs(
            name="EventHubArchive.AzureBlockBlob",
            storage_account_resource_id=account.id,
            blob_container=container.name,
            archive_name_format="{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
            identity=eventhub.CaptureIdentityArgs(type=eventhub.CaptureIdentityType.SYSTEM_ASSIGNED),
        ),
    ),
)
