"""An explicit provider whose location comes from the project's own config key (eastus).

Attack: `azure-native:location` is westeurope; a project key `app:deployRegion: eastus` feeds
`Provider(location=...)`. A gate must take the explicit provider's (resolved) inputs, wherever
the value came from.

Class: provider defaults
Issue: 13 provider defaults
Blame: rg
Mentions: eastus
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources

region = pulumi.Config("app").require("deployRegion")
p = azure_native.Provider("regional", location=region)
resources.ResourceGroup("rg", opts=pulumi.ResourceOptions(provider=p))
