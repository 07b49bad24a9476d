"""A deployment whose template is fetched from a URL at deployment time (`templateLink`).

Attack: nothing of what will be deployed is in the program; the template at the URL can
change after review. What cannot be evaluated offline must fail closed, with the reason.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: linked
"""

from pulumi_azure_native import resources

resources.Deployment(
    "linked",
    resource_group_name="rg-orders",
    properties=resources.DeploymentPropertiesArgs(
        mode=resources.DeploymentMode.INCREMENTAL,
        template_link=resources.TemplateLinkArgs(
            uri="https://raw.githubusercontent.com/contoso/infra/main/cosmos.json"),
        parameters={"location": resources.DeploymentParameterArgs(value="westeurope")},
    ),
)
