"""The deployable Functions archive: layout, determinism, and that it runs without Pulumi."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from sovereign_components.components.functions_package import archive_manifest, build_zip


def test_manifest_layout() -> None:
    manifest = archive_manifest()
    assert {"function_app.py", "host.json", "requirements.txt"} <= set(manifest)
    for module in ("events/contract.py", "events/cloudevents_mapping.py", "events/names.py", "events/guard.py",
                   "events/processor.py", "geo/regions.py", "geo/data/regions.csv", "geo/data/boundaries.toml"):
        assert f"sovereign_components/{module}" in manifest
    # Nothing that imports Pulumi ships in the Function App.
    assert not any(p.startswith(("sovereign_components/gate", "sovereign_components/policies",
                                 "sovereign_components/components", "sovereign_components/stack_config",
                                 "sovereign_components/events/functions_app")) for p in manifest)
    assert "sovereign_components/components/wiring.py" not in manifest


def test_zip_is_deterministic(tmp_path: Path) -> None:
    a, b = build_zip(tmp_path / "a.zip"), build_zip(tmp_path / "b.zip")
    assert a.read_bytes() == b.read_bytes()
    assert zipfile.ZipFile(a).namelist() == archive_manifest()


def test_extracted_app_imports_without_pulumi(tmp_path: Path) -> None:
    zipfile.ZipFile(build_zip(tmp_path / "app.zip")).extractall(tmp_path / "app")
    probe = (
        "import sys; sys.path.insert(0, '.'); import function_app, sovereign_components; "
        "names = [f.get_function_name() for f in function_app.app.get_functions()]; "
        "print(sorted(names), sovereign_components.__file__, any(m.startswith('pulumi') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path / "app", capture_output=True, text=True, check=True).stdout
    names, origin, pulumi_loaded = out.rsplit(" ", 2)
    assert "process_session_queue" in names and "archive_dead_letters" in names
    assert origin.startswith(str(tmp_path / "app"))  # the archive's copy, not the checkout's
    assert pulumi_loaded.strip() == "False"


def test_functions_archive_is_a_pulumi_asset_archive() -> None:
    import pulumi

    from sovereign_components.components.functions_package import functions_archive

    archive = functions_archive()
    assert isinstance(archive, pulumi.asset.AssetArchive)
    assert sorted(archive.assets) == archive_manifest()
