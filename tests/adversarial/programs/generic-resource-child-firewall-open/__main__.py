"""A SQL server firewall rule admitting the whole internet, as a generic child resource.

Attack: `parent_resource_path` makes the generic resource a child (`servers/sql-weu/
firewallRules`); `0.0.0.0-255.255.255.255` opens the server to every address. A gate that
only knows top-level tokens sees an azure-native:resources:Resource with no location.

Class: escape hatches
Issue: 12 generic resources:Resource
Blame: allow-all
"""

from pulumi_azure_native import resources

resources.Resource(
    "allow-all",
    resource_group_name="rg-sql",
    resource_provider_namespace="Microsoft.Sql",
    parent_resource_path="servers/sql-weu",
    resource_type="firewallRules",
    resource_name_="allow-all",
    api_version="2023-08-01",
    properties={"startIpAddress": "0.0.0.0", "endIpAddress": "255.255.255.255"},
)
