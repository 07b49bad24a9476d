"""SDK facts are read from the installed provider SDKs: tokens, aliases, inputs, outputs,
function results; from this interpreter or a program's own virtualenv; cached by version."""

from __future__ import annotations

import json
import os
import site
import sys
import textwrap
from pathlib import Path

import pytest

from sovereign_components.gate.sdk import SdkSchema, TypeSpec, load_schema
from sovereign_components.gate.sdk import cache as sdk_cache


@pytest.fixture(scope="module")
def schema() -> SdkSchema:
    return load_schema()


@pytest.mark.parametrize(("token", "declared"), [
    ("azure-native:storage:StorageAccount", "azure-native:storage:StorageAccount"),
    # versioned spellings (state written with an API-version module, or `pulumi package add`)
    ("azure-native:cosmosdb/v20240515:DatabaseAccount", "azure-native:cosmosdb:DatabaseAccount"),
    ("azure-native:storage/v20230101:StorageAccount", "azure-native:storage:StorageAccount"),
    # v2 module names v3 renamed, and a class that moved module
    ("azure-native:documentdb:DatabaseAccount", "azure-native:cosmosdb:DatabaseAccount"),
    ("azure-native:insights:DiagnosticSetting", "azure-native:monitor:DiagnosticSetting"),
    ("azure-native:network:PrivateZone", "azure-native:privatedns:PrivateZone"),
    ("pulumi:providers:azure-native", "pulumi:providers:azure-native"),
])
def test_every_spelling_resolves_to_the_declared_type(schema: SdkSchema, token: str, declared: str) -> None:
    spec = schema.resource(token)
    assert spec is not None and spec.token == declared
    assert schema.canonical_token(token) == declared


@pytest.mark.parametrize("token", ["azure-native:nope:Nope", "azure-native:storage:NoSuchType",
                                   "nosuchprovider:index/thing:Thing", "not-a-token"])
def test_what_no_installed_sdk_declares_is_unknown(schema: SdkSchema, token: str) -> None:
    assert schema.resource(token) is None


def test_other_installed_provider_sdks_are_known(schema: SdkSchema) -> None:
    """pulumi-random (a dev requirement) is read like azure-native: its root module is the
    token's ``index`` module, and its computed output ``result`` is declared."""
    spec = schema.resource("random:index/randomString:RandomString")
    assert spec is not None and spec.outputs["result"].kind == "string"
    assert spec.inputs.required == {"length"} and not spec.takes_location


@pytest.mark.parametrize(("token", "takes_location"), [
    ("azure-native:resources:ResourceGroup", True),
    ("azure-native:storage:StorageAccount", True),
    ("azure-native:privatedns:PrivateZone", True),
    ("azure-native:eventgrid:EventSubscription", False),
    ("azure-native:storage:BlobContainer", False),
    ("azure-native:monitor:DiagnosticSetting", False),
    ("pulumi:providers:azure-native", True),
])
def test_location_taking_types_come_from_the_args_class(schema: SdkSchema, token: str, takes_location: bool) -> None:
    spec = schema.resource(token)
    assert spec is not None and spec.takes_location is takes_location


def test_inputs_carry_wire_names_enums_and_nested_objects(schema: SdkSchema) -> None:
    spec = schema.resource("azure-native:storage:StorageAccount")
    assert spec is not None
    props = spec.inputs.properties
    assert {"kind", "resourceGroupName", "sku"} <= spec.inputs.required
    assert spec.inputs.python_names["allowSharedKeyAccess"] == "allow_shared_key_access"
    assert props["publicNetworkAccess"].kind == "string"
    assert set(props["publicNetworkAccess"].enum or ()) == {"Enabled", "Disabled", "SecuredByPerimeter"}
    sku = props["sku"]
    assert sku.kind == "object" and "Standard_GRS" in (sku.properties["name"].enum or ())
    assert props["tags"].kind == "map" and props["tags"].items is not None and props["tags"].items.kind == "string"
    assert spec.api_version == "2024-01-01"
    assert "azure-native:storage/v20230101:StorageAccount" in spec.aliases


@pytest.mark.parametrize(("token", "own"), [
    ("azure-native:network:Subnet", "addressPrefix"),
    ("azure-native:network:VirtualNetwork", "addressSpace"),
    ("azure-native:monitor:ActionGroup", "groupShortName"),
])
def test_init_args_are_the_resource_inputs_not_the_nested_type(schema: SdkSchema, token: str, own: str) -> None:
    """Where ``<Class>Args`` is a nested type (``network.SubnetArgs(id=...)``) the resource takes
    ``<Class>InitArgs``; its inputs are read from that class."""
    spec = schema.resource(token)
    assert spec is not None
    assert spec.inputs.name.endswith("InitArgs")
    assert own in spec.inputs.properties and "resourceGroupName" in spec.inputs.properties


def test_union_typed_arguments_are_unions_of_their_variants(schema: SdkSchema) -> None:
    spec = schema.resource("azure-native:eventgrid:EventSubscription")
    assert spec is not None
    destination = spec.inputs.properties["destination"]
    assert destination.kind == "union"
    names = {v.name.rsplit(".", 1)[-1] for v in destination.variants}
    assert "WebHookEventSubscriptionDestinationArgs" in names
    webhook = next(v for v in destination.variants if v.name.endswith("WebHookEventSubscriptionDestinationArgs"))
    assert "endpointUrl" in webhook.properties and webhook.python_names["endpointUrl"] == "endpoint_url"


def test_outputs_are_every_declared_getter(schema: SdkSchema) -> None:
    spec = schema.resource("azure-native:storage:StorageAccount")
    assert spec is not None
    assert spec.outputs["primaryEndpoints"].kind == "object"
    assert "blob" in spec.outputs["primaryEndpoints"].properties
    assert spec.outputs["identity"].kind == "object"


def test_function_results_are_shaped_from_their_result_class(schema: SdkSchema) -> None:
    fn = schema.function("azure-native:authorization:getClientConfig")
    assert fn is not None
    assert set(fn.result.properties) >= {"clientId", "objectId", "subscriptionId", "tenantId"}
    keys = schema.function("azure-native:storage:listStorageAccountKeys")
    assert keys is not None
    items = keys.result.properties["keys"]
    assert items.kind == "array" and items.items is not None and "value" in items.items.properties
    assert keys.inputs.python_names["accountName"] == "account_name"
    assert schema.function("azure-native:storage:noSuchFunction") is None


def test_walk_visits_nested_paths_once_even_in_cycles() -> None:
    node = TypeSpec("object", name="Node")
    node.properties = {"child": node, "values": TypeSpec("array", items=TypeSpec("string"))}
    paths = [p for p, _ in node.walk()]
    assert paths == ["", "child", "values", "values[]"]


@pytest.mark.parametrize("module", ["pulumi_azure_native.eventhub", "pulumi_azure_native.servicebus",
                                    "pulumi_azure_native.keyvault", "pulumi_azure_native.sql",
                                    "pulumi_azure_native.cosmosdb"])
def test_every_resource_and_function_of_a_module_is_read(schema: SdkSchema, module: str) -> None:
    """Whole modules read without error; every declared token has an object input type and
    every function a result (the generated files are the ground truth: count them)."""
    resources, functions = schema.module(module)
    folder = Path(__import__(module, fromlist=["x"]).__file__).parent
    sources = [p.read_text() for p in folder.glob("*.py") if not p.name.startswith("_") and p.name != "outputs.py"]
    assert len(resources) == sum("__self__).__init__(" in s for s in sources) > 0
    assert len(functions) == sum("pulumi.runtime.invoke(" in s for s in sources) > 0
    assert all(r.inputs.kind == "object" for r in resources.values())
    assert all(f.result.kind in ("object", "any") for f in functions.values())


def test_documents_are_cached_by_package_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOVEREIGN_CACHE_DIR", str(tmp_path))
    first = SdkSchema().resource("azure-native:eventhub:Namespace")
    assert first is not None
    provider = SdkSchema().providers()["azure-native"]
    assert sdk_cache.entry_path(provider.package, provider.version, "pulumi_azure_native.eventhub").exists()

    def refuse(name: str) -> None:
        raise AssertionError(f"introspected {name} although it is cached")

    monkeypatch.setattr("sovereign_components.gate.sdk.introspect.introspect_module", refuse)
    again = SdkSchema().resource("azure-native:eventhub:Namespace")
    assert again is not None and set(again.inputs.properties) == set(first.inputs.properties)


def test_an_unwritable_cache_costs_only_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("SOVEREIGN_CACHE_DIR", str(blocked))
    assert SdkSchema().resource("azure-native:eventhub:Namespace") is not None


# -- a provider SDK installed only in the program's own virtualenv -------------------------
_FAKE_RESOURCE = '''
import pulumi
from typing import Optional, Sequence

@pulumi.input_type
class WidgetArgs:
    def __init__(__self__, *, size: pulumi.Input[int], region: Optional[pulumi.Input[str]] = None):
        pulumi.set(__self__, "size", size)
        if region is not None:
            pulumi.set(__self__, "region", region)

    @property
    @pulumi.getter
    def size(self) -> pulumi.Input[int]:
        """How big."""
        return pulumi.get(self, "size")

    @property
    @pulumi.getter(name="region")
    def region(self) -> Optional[pulumi.Input[str]]:
        return pulumi.get(self, "region")


class Widget(pulumi.CustomResource):
    def __init__(__self__, resource_name, args=None, opts=None):
        alias_opts = pulumi.ResourceOptions(aliases=[pulumi.Alias(type_="fakeprov:old:Widget")])
        super(Widget, __self__).__init__(
            'fakeprov:index/widget:Widget',
            resource_name,
            {},
            opts)

    @property
    @pulumi.getter(name="secretCode")
    def secret_code(self) -> pulumi.Output[str]:
        return pulumi.get(self, "secret_code")

    @property
    @pulumi.getter
    def tags(self) -> pulumi.Output[Sequence[str]]:
        return pulumi.get(self, "tags")
'''

_FAKE_FUNCTION = '''
import pulumi
from typing import Optional

@pulumi.output_type
class GetWidgetResult:
    def __init__(__self__, code=None):
        pulumi.set(__self__, "code", code)

    @property
    @pulumi.getter
    def code(self) -> str:
        return pulumi.get(self, "code")


def get_widget(name: Optional[str] = None, opts=None) -> GetWidgetResult:
    __args__ = dict()
    __args__['widgetName'] = name
    __ret__ = pulumi.runtime.invoke('fakeprov:index/getWidget:getWidget', __args__, opts=opts, typ=GetWidgetResult).value
    return __ret__
'''


def _venv_with_fake_provider(path: Path) -> Path:
    """A real virtualenv (another sys.prefix) sharing our packages through a .pth file, plus a
    provider SDK ``pulumi_fakeprov`` that only this venv has."""
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    (path / "bin").mkdir(parents=True)
    os.symlink(base, path / "bin" / "python")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    (path / "pyvenv.cfg").write_text(f"home = {base.parent}\ninclude-system-site-packages = false\nversion = {version}\n")
    packages = path / "lib" / f"python{version}" / "site-packages"
    packages.mkdir(parents=True)
    (packages / "shared.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    pkg = packages / "pulumi_fakeprov"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "pulumi-plugin.json").write_text(json.dumps({"resource": True, "name": "fakeprov", "version": "1.2.3"}))
    (pkg / "widget.py").write_text(textwrap.dedent(_FAKE_RESOURCE))
    (pkg / "get_widget.py").write_text(textwrap.dedent(_FAKE_FUNCTION))
    return path / "bin" / "python"


def test_a_program_venv_sdk_is_read_in_that_interpreter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOVEREIGN_CACHE_DIR", str(tmp_path / "cache"))
    python = _venv_with_fake_provider(tmp_path / "venv")
    theirs = SdkSchema(python)
    assert "fakeprov" in theirs.providers() and "fakeprov" not in SdkSchema().providers()
    spec = theirs.resource("fakeprov:index/widget:Widget")
    assert spec is not None
    assert spec.inputs.required == {"size"} and spec.inputs.properties["size"].kind == "integer"
    assert spec.inputs.descriptions["size"] == "How big."
    assert spec.outputs["secretCode"].kind == "string" and spec.outputs["tags"].kind == "array"
    assert theirs.resource("fakeprov:old:Widget") is spec  # alias spelling
    assert theirs.resource_tokens("fakeprov") == theirs.resource_tokens("pulumi_fakeprov") == [
        "fakeprov:index/widget:Widget"]
    fn = theirs.function("fakeprov:index/getWidget:getWidget")
    assert fn is not None and fn.result.properties["code"].kind == "string"
    assert fn.inputs.python_names == {"widgetName": "name"}
    # the same SDK facts are served from the cache afterwards (keyed by package and version)
    assert sdk_cache.entry_path("pulumi_fakeprov", "1.2.3", "pulumi_fakeprov").exists()
