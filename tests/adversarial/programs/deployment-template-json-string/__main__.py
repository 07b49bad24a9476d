"""An inline template passed as a JSON *string* instead of an object.

Attack: `template` is typed `Any`; a string holding the JSON of a template is still deployed
by ARM-aware tooling, while a gate that expands only dict templates sees an opaque string.
Either the string is parsed and judged, or the deployment fails closed.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm-string
"""

import json

from pulumi_azure_native import resources

template = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [{
        "type": "Microsoft.DocumentDB/databaseAccounts",
        "apiVersion": "2024-05-15",
        "name": "orders-string-us",
        "location": "eastus",
        "properties": {"databaseAccountOfferType": "Standard",
                       "locations": [{"locationName": "eastus"}]},
    }],
}
resources.Deployment(
    "arm-string",
    resource_group_name="rg-orders",
    properties={"mode": "Incremental", "template": json.dumps(template)},
)
