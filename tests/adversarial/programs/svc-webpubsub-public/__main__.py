"""An Azure Web PubSub service in westeurope, public and with access keys.

Attack: Web PubSub pushes events to browsers; with `public_network_access="Enabled"` and
`disable_local_auth=False` anyone with a key connection string reads the stream.

Class: services next to the platform
Issue: 12 services (Web PubSub public)
Blame: live-updates
"""

from pulumi_azure_native import webpubsub

webpubsub.WebPubSub(
    "live-updates",
    resource_group_name="rg-realtime",
    location="westeurope",
    sku=webpubsub.ResourceSkuArgs(name="Standard_S1", capacity=1),
    public_network_access="Enabled",
    disable_local_auth=False,
)
