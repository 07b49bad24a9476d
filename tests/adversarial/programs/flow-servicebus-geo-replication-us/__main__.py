"""A Premium Service Bus namespace geo-replicated to a secondary in eastus.

Attack: `geo_data_replication.locations[]` lists a secondary region; messages and metadata are
copied there continuously.

Class: data flows by reference
Issue: 12 value-based flows
Blame: bus
"""

from pulumi_azure_native import servicebus

servicebus.Namespace(
    "bus",
    resource_group_name="rg-bus",
    location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    geo_data_replication=servicebus.GeoDataReplicationPropertiesArgs(
        max_replication_lag_duration_in_seconds=300,
        locations=[servicebus.NamespaceReplicaLocationArgs(location_name="westeurope", role_type="Primary"),
                   servicebus.NamespaceReplicaLocationArgs(location_name="eastus", role_type="Secondary")],
    ),
)
