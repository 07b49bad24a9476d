"""Transforms as the engine applies them (issue 13 item 3): the capture holds the transformed
inputs *and* options; each kind (own, ancestor, stack, legacy) changes ``location`` and a
property a rule reads, in the engine's order."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sovereign_components.gate.pipeline import capture_program

PROGRAM = '''
import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import eventhub, resources

us = azure_native.Provider("us", location="eastus")


def own(args):
    return pulumi.ResourceTransformResult({**args.props, "publicNetworkAccess": "Enabled"},
                                          pulumi.ResourceOptions.merge(args.opts, pulumi.ResourceOptions(protect=True)))


def ancestor(args):
    if args.type_ == "azure-native:eventhub:Namespace":
        return pulumi.ResourceTransformResult({**args.props, "location": "eastus", "tags": {"by": "ancestor"}}, args.opts)


def stack(args):
    if args.type_ == "azure-native:resources:ResourceGroup" and args.name == "swapped":
        return pulumi.ResourceTransformResult(args.props, pulumi.ResourceOptions.merge(
            args.opts, pulumi.ResourceOptions(provider=us)))


def legacy(args):
    return pulumi.ResourceTransformationResult({**args.props, "location": "northeurope"}, args.opts)


class Plane(pulumi.ComponentResource):
    def __init__(self, name, opts):
        super().__init__("acme:index:Plane", name, None, opts)
        rg = resources.ResourceGroup(f"{name}-rg", location="westeurope", opts=pulumi.ResourceOptions(parent=self))
        eventhub.Namespace(f"{name}-ns", resource_group_name=rg.name, location="westeurope",
                           sku=eventhub.SkuArgs(name="Standard"), public_network_access="Disabled",
                           opts=pulumi.ResourceOptions(parent=self, transforms=[own]))
        self.register_outputs({})


pulumi.runtime.register_resource_transform(stack)
Plane("plane", pulumi.ResourceOptions(transforms=[ancestor]))
resources.ResourceGroup("swapped")
resources.ResourceGroup("legacy", location="westeurope", opts=pulumi.ResourceOptions(transformations=[legacy]))
'''


def test_each_kind_of_transform_reaches_the_capture(tmp_path: Path):
    (tmp_path / "Pulumi.yaml").write_text("name: t\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  azure-native:location: westeurope\n")
    (tmp_path / "__main__.py").write_text(textwrap.dedent(PROGRAM))
    capture = capture_program(tmp_path, "dev")
    r = {x.name: x for x in capture.resources}
    ns = r["plane-ns"]
    # own transform (props + options), then the ancestor's (the component's): both applied
    assert ns.inputs["publicNetworkAccess"] == "Enabled" and ns.protect is True
    assert ns.inputs["location"] == "eastus" and ns.inputs["tags"] == {"by": "ancestor"}
    assert r["plane-rg"].inputs["location"] == "westeurope"  # the ancestor transform skips groups
    # a stack transform that swaps the provider: the default location follows the new provider
    assert r["swapped"].provider.startswith(r["us"].urn + "::") and r["swapped"].inputs["location"] == "eastus"
    # legacy transformations run in the program's SDK before the request is sent
    assert r["legacy"].inputs["location"] == "northeurope"
    # the engine rebuilds property dependencies from what an own transform returned: the Python
    # SDK returns plain values, so the dependency on the group survives only in `dependencies`
    assert r["plane-rg"].urn in ns.dependencies
