"""A location and a public-access switch wrapped in `Output.secret` — known values, marked secret.

Attack: `pulumi.Output.secret("eastus")` is known at preview time; only its secret flag
differs. A gate that treats secrets as unknown ("cannot decide", exit 0) lets it through.

Class: hidden values
Issue: 13 provider defaults (secrets)
Blame: topic
Mentions: eastus
"""

import pulumi
from pulumi_azure_native import eventgrid

eventgrid.Topic(
    "topic",
    resource_group_name="rg-topic",
    location=pulumi.Output.secret("eastus"),
    public_network_access=pulumi.Output.secret("Enabled"),
    disable_local_auth=True,
    data_residency_boundary="WithinRegion",
    minimum_tls_version_allowed="1.2",
)
