"""Globally unique names from `pulumi_random.RandomString` (a computed output the program reads).

Reading `suffix.result` in an f-string inside `apply` is what most real programs do; offline
the result is unknown until a placeholder is given — the gate must not crash the program.

Style: program using pulumi-random for names
"""

import pulumi
import pulumi_random as random
from pulumi_azure_native import resources, storage

suffix = random.RandomString("suffix", length=6, special=False, upper=False)
rg = resources.ResourceGroup("rg", location="westeurope")
account = storage.StorageAccount(
    "archive",
    account_name=suffix.result.apply(lambda s: f"archive{s}"),
    resource_group_name=rg.name,
    location="westeurope",
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_LRS"),
    public_network_access="Disabled",
    allow_blob_public_access=False,
    allow_shared_key_access=False,
    allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2",
)
pulumi.export("account", account.name)
