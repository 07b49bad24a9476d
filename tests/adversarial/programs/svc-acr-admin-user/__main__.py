"""A private container registry with the admin user (a username/password) enabled.

Attack: `admin_user_enabled=True` is key-style auth; anyone with the password pulls the
processor images (and their baked-in configuration) — local auth next to an Entra-only
platform (Azure Policy "Container registries should have local admin account disabled",
dc921057-6b28-4fbe-9b83-f7bec05db6c2).

Class: services next to the platform
Issue: 12 services (ACR admin user)
Blame: images
"""

from pulumi_azure_native import containerregistry

containerregistry.Registry(
    "images",
    resource_group_name="rg-build",
    location="westeurope",
    sku=containerregistry.SkuArgs(name="Premium"),
    admin_user_enabled=True,
    public_network_access="Disabled",
    anonymous_pull_enabled=False,
)
