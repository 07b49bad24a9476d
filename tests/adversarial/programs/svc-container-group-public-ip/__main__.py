"""A container group (ACI) in westeurope listening on a public IP address.

Attack: `ip_address.type="Public"` with an open port puts the processor on the internet; the
location is in the boundary and the type has no `publicNetworkAccess` switch, so a rule that
only reads that property never sees it (found running the gate on pulumi/examples
azure-py-aci, which passes with no finding).

Class: services next to the platform
Issue: 12 services (public exposure without a publicNetworkAccess switch)
Blame: processor
"""

from pulumi_azure_native import containerinstance

containerinstance.ContainerGroup(
    "processor",
    resource_group_name="rg-app",
    location="westeurope",
    os_type="Linux",
    containers=[containerinstance.ContainerArgs(
        name="processor",
        image="mcr.microsoft.com/azuredocs/aci-helloworld",
        ports=[containerinstance.ContainerPortArgs(port=80)],
        resources=containerinstance.ResourceRequirementsArgs(
            requests=containerinstance.ResourceRequestsArgs(cpu=1.0, memory_in_gb=1.5)),
    )],
    ip_address=containerinstance.IpAddressArgs(
        ports=[containerinstance.PortArgs(port=80, protocol="Tcp")], type="Public"),
)
