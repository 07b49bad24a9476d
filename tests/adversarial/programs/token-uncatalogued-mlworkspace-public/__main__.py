"""An Azure Machine Learning workspace open to the internet, in westeurope.

Attack: a type next to the platform that reads the event store; `public_network_access`
Enabled. Nothing in a deny-list names `machinelearningservices:Workspace`; default-deny does.

Class: uncatalogued types
Issue: 12 services next to the platform
Blame: ml
"""

from pulumi_azure_native import machinelearningservices

machinelearningservices.Workspace(
    "ml",
    resource_group_name="rg-ml",
    location="westeurope",
    public_network_access="Enabled",
    identity={"type": "SystemAssigned"},
    sku={"name": "Basic", "tier": "Basic"},
)
