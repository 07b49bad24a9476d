"""The plane's regional storage account: Event Grid dead letters, Event Hubs Capture files and
the Functions package, in the plane's own region (G7, G8)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi

from .. import wiring
from .context import PlaneContext
from .defaults import BLOB_DNS_SUFFIX, CONTAINERS
from .keys import split_key_uri


@dataclass(frozen=True)
class RegionalStorage:
    account: pulumi.CustomResource
    containers: dict[str, pulumi.CustomResource]
    name: str

    @property
    def blob_endpoint(self) -> str:
        return f"https://{self.name}.{BLOB_DNS_SUFFIX}/"

    def container_scope(self, key: str) -> pulumi.Output[str]:
        """ARM id of one container: the least-privilege scope of a data role."""
        return pulumi.Output.concat(self.account.id, "/blobServices/default/containers/", CONTAINERS[key])


def _encryption(ctx: PlaneContext) -> tuple[Any, Any]:
    """Infrastructure (double) encryption always (T9); the customer's key when given (T10)."""
    from pulumi_azure_native import storage

    cmk = ctx.args.get("customer_managed_key")
    if not cmk:
        return storage.EncryptionArgs(key_source="Microsoft.Storage", require_infrastructure_encryption=True), None
    key = pulumi.Output.from_input(cmk["key_vault_key_uri"]).apply(split_key_uri)
    identity_id = cmk["user_assigned_identity_id"]
    encryption = storage.EncryptionArgs(
        key_source="Microsoft.Keyvault",
        require_infrastructure_encryption=True,
        key_vault_properties=storage.KeyVaultPropertiesArgs(
            key_name=key.apply(lambda k: k.key_name), key_vault_uri=key.apply(lambda k: k.vault_uri)
        ),
        encryption_identity=storage.EncryptionIdentityArgs(encryption_user_assigned_identity=identity_id),
    )
    identity = storage.IdentityArgs(type="UserAssigned", user_assigned_identities=[identity_id])
    return encryption, identity


def regional_storage(ctx: PlaneContext) -> RegionalStorage:
    """The account with every storage default the policy pack checks (T1-T9) and its containers."""
    from pulumi_azure_native import storage

    encryption, identity = _encryption(ctx)
    account = storage.StorageAccount(
        f"{ctx.name}-storage",
        account_name=ctx.names.storage_account,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        sku=storage.SkuArgs(name=wiring.in_region_storage_sku(ctx.plan.zone_redundant)),
        **wiring.secure_storage_account_settings(),  # T1-T7, G11
        encryption=encryption,
        identity=identity,
        tags=ctx.tags,
        opts=ctx.opts(data=True),
    )
    containers = {
        key: storage.BlobContainer(
            f"{ctx.name}-{key.replace('_', '-')}",
            account_name=ctx.names.storage_account,
            container_name=container,
            resource_group_name=ctx.resource_group_name,
            public_access="None",  # T2
            opts=ctx.opts(depends_on=[account]),
        )
        for key, container in CONTAINERS.items()
    }
    return RegionalStorage(account, containers, ctx.names.storage_account)
