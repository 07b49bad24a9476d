"""A stack that imports a Pulumi ESC environment but sets every value the program uses itself.

The environment (`acme/observability`) only carries credentials for the deployment pipeline;
`azure-native:location` and the project keys are in the stack file, whose values take
precedence over an environment's (Pulumi docs, "Pulumi ESC: stack configuration"). Nothing the
program deploys depends on the environment, so not being able to read it offline changes
nothing.

Style: Pulumi ESC environment imported by the stack
"""

import pulumi
from pulumi_azure_native import resources, servicebus

cfg = pulumi.Config()
rg = resources.ResourceGroup("rg", location=cfg.require("region"))
servicebus.Namespace(
    "bus", resource_group_name=rg.name, location=cfg.require("region"),
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
