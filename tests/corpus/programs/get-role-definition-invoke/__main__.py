"""Resolve a built-in role with `authorization.get_role_definition` and assign it on a topic.

Style: program using invokes (authorization.get_role_definition)
"""

from pulumi_azure_native import authorization, eventgrid, resources

rg = resources.ResourceGroup("events", location="westeurope")
topic = eventgrid.Topic(
    "notifications",
    resource_group_name=rg.name,
    location="westeurope",
    public_network_access="Disabled",
    disable_local_auth=True,
    data_residency_boundary="WithinRegion",
    minimum_tls_version_allowed="1.2",
)
sender = authorization.get_role_definition_output(
    role_definition_id="d5a91429-5739-47e2-a06b-3470a27159e7",  # EventGrid Data Sender
    scope=topic.id,
)
authorization.RoleAssignment(
    "publisher",
    scope=topic.id,
    principal_id="3f2b1c7e-8a4d-4e6f-9b0a-1c2d3e4f5a6b",
    principal_type="ServicePrincipal",
    role_definition_id=sender.id,
)
