"""A deployment *stack* (`resources:DeploymentStackAtResourceGroup`) with an inline template.

Attack: deployment stacks are a second template-deploying resource type besides
`resources:Deployment*`; the template here creates a public Event Grid topic in eastus.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: dstack
"""

from pulumi_azure_native import resources

resources.DeploymentStackAtResourceGroup(
    "dstack",
    resource_group_name="rg-orders",
    action_on_unmanage={"resources": "detach"},
    deny_settings={"mode": "none"},
    template={
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [{
            "type": "Microsoft.EventGrid/topics",
            "apiVersion": "2025-02-15",
            "name": "orders-topic-us",
            "location": "eastus",
            "properties": {"publicNetworkAccess": "Enabled"},
        }],
    },
)
