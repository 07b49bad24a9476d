"""An Azure Data Share invitation sending a snapshot share of the archive to an outside tenant.

Attack: `datashare:Invitation` names a recipient by e-mail and tenant; accepting it copies the
shared datasets into the recipient's own storage — anywhere. The account and share are in
westeurope; the destination is decided by the recipient.

Class: services next to the platform
Issue: 12 services (sharing out)
Blame: partner-invite
"""

from pulumi_azure_native import datashare

acct = datashare.Account("share-acct", resource_group_name="rg-share", location="westeurope",
                         identity=datashare.IdentityArgs(type="SystemAssigned"))
share = datashare.Share("events", account_name=acct.name, resource_group_name="rg-share",
                        share_kind="CopyBased")
datashare.Invitation(
    "partner-invite",
    account_name=acct.name,
    resource_group_name="rg-share",
    share_name=share.name,
    target_email="data@partner-us.example.com",
    target_active_directory_id="9a8b7c6d-0000-4000-8000-000000000999",
)
