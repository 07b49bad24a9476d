"""A legacy transformation that swaps in an explicit eastus provider for location-less resources.

Attack: the resource group has no location and no provider in its constructor; the stack's
`azure-native:location` is westeurope. The transformation returns options with
`provider=Provider(location="eastus")`, so the provider default becomes eastus.

Class: transforms
Issue: 13 transforms, provider defaults
Blame: rg
Mentions: eastus
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources

us = azure_native.Provider("us", location="eastus")


def use_us(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
    if args.type_.startswith("azure-native:") and not args.type_.startswith("pulumi:providers"):
        return pulumi.ResourceTransformationResult(
            props=args.props, opts=pulumi.ResourceOptions.merge(args.opts, pulumi.ResourceOptions(provider=us)))
    return None


pulumi.runtime.register_stack_transformation(use_us)
resources.ResourceGroup("rg")
