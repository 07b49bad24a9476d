"""The on-call e-mail address is a secret in the stack config (undecryptable offline).

The secret feeds an e-mail receiver of an action group, not a location or a target; a gate
that cannot decrypt it must not turn that into a violation.

Style: secrets in stack config (pulumi config set --secret)
"""

import pulumi
from pulumi_azure_native import monitor, resources

cfg = pulumi.Config()
rg = resources.ResourceGroup("ops", location="westeurope")
monitor.ActionGroup(
    "oncall", resource_group_name=rg.name, location="Global", group_short_name="oncall", enabled=True,
    email_receivers=[monitor.MicrosoftCommonEmailReceiverArgs(name="primary", email_address=cfg.require_secret("oncallEmail"))])
