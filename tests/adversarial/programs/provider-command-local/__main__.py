"""`command:local:Command` creating a public Cosmos account in eastus with the Azure CLI.

Attack: pulumi-command runs arbitrary shell on `pulumi up`; the command string is the whole
deployment, and no rule can judge a shell script. `command` is never allowed by default.

Class: other providers
Issue: 12 other providers
Blame: create-cosmos
Mentions: command:local:Command
"""

import pulumi

pulumi.CustomResource(
    "command:local:Command",
    "create-cosmos",
    {
        "create": "az cosmosdb create -g rg-orders -n orders-us --locations regionName=eastus "
                  "--public-network-access ENABLED",
        "delete": "az cosmosdb delete -g rg-orders -n orders-us --yes",
    },
)
