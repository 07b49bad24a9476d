"""The plugin entry point the Pulumi CLI runs for ``pulumi package add``: the repository-root
``__main__.py`` next to ``PulumiPlugin.yaml``, started as a gRPC provider and asked for its
schema over the real provider protocol (no Pulumi CLI involved)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from sovereign_components import _version

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden" / "schema.json"


@pytest.fixture(scope="module")
def stub() -> Iterator[object]:
    import grpc
    from pulumi.runtime.proto import provider_pb2_grpc

    # The engine address is the first argument; nothing is sent to it for schema requests.
    plugin = subprocess.Popen([sys.executable, str(REPO / "__main__.py"), "127.0.0.1:1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO.parent)
    try:
        port = plugin.stdout.readline().strip() if plugin.stdout else ""
        assert port.isdigit(), f"the plugin printed no port: {plugin.stderr.read() if plugin.stderr else ''}"
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield provider_pb2_grpc.ResourceProviderStub(channel)
    finally:
        plugin.terminate()
        plugin.wait(timeout=10)


def test_plugin_manifest_is_a_python_source_plugin() -> None:
    manifest = yaml.safe_load((REPO / "PulumiPlugin.yaml").read_text(encoding="utf-8"))
    assert manifest["runtime"]["name"] == "python"
    assert (REPO / "__main__.py").is_file() and (REPO / "requirements.txt").is_file()


def test_plugin_serves_the_golden_schema(stub: object) -> None:
    from pulumi.runtime.proto import provider_pb2

    response = stub.GetSchema(provider_pb2.GetSchemaRequest(version=0))  # type: ignore[attr-defined]
    schema = json.loads(response.schema)
    assert schema["version"] == _version.__version__
    assert json.dumps({**schema, "version": "<version>"}, indent=2, sort_keys=True) + "\n" == GOLDEN.read_text(encoding="utf-8")


def test_plugin_reports_the_package_version(stub: object) -> None:
    from google.protobuf import empty_pb2

    assert stub.GetPluginInfo(empty_pb2.Empty()).version == _version.__version__  # type: ignore[attr-defined]
