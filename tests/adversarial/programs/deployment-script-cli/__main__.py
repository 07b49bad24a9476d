"""A deployment script (`resources:AzureCliScript`) that runs `az` to create a US account.

Attack: the script resource itself is in westeurope; its `script_content` creates a public
Cosmos account in eastus when ARM runs the container. A script cannot be judged: it must be
blocked unless the operator allows the type.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: bootstrap
"""

from pulumi_azure_native import resources

resources.AzureCliScript(
    "bootstrap",
    resource_group_name="rg-orders",
    location="westeurope",
    kind="AzureCLI",
    az_cli_version="2.61.0",
    retention_interval="PT1H",
    script_content="az cosmosdb create -g rg-orders -n orders-us --locations regionName=eastus",
)
