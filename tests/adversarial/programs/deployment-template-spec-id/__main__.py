"""A deployment of a template spec by id: the template lives in Azure, not in the program.

Attack: `templateLink.id` names a `Microsoft.Resources/templateSpecs/versions` resource in
another subscription; its content is unknowable offline and must fail closed.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: from-spec
"""

from pulumi_azure_native import resources

resources.Deployment(
    "from-spec",
    resource_group_name="rg-orders",
    properties=resources.DeploymentPropertiesArgs(
        mode=resources.DeploymentMode.INCREMENTAL,
        template_link=resources.TemplateLinkArgs(
            id="/subscriptions/9f0c1d2e-0000-4000-8000-000000000123/resourceGroups/rg-specs/providers"
               "/Microsoft.Resources/templateSpecs/eventstore/versions/1.4.0"),
    ),
)
