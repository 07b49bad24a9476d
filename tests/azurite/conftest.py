"""Azurite (the Azure Storage emulator, npm package ``azurite``) as a real Blob endpoint for the
compliance-archive tests, installed and started by the test suite itself.

- Install: the exact versions of ``package-lock.json`` (``npm ci --ignore-scripts``) into a
  cache directory keyed by the lock file's hash (``$XDG_CACHE_HOME`` or ``~/.cache``,
  ``sovereign-events/azurite-<hash>``; ``SOVEREIGN_AZURITE_DIR`` overrides), once, under a file
  lock so concurrent test runs do not install over each other. Nothing lands in the checkout.
- Start: ``azurite-blob`` on 127.0.0.1 and a free port, in memory, telemetry off, API-version
  check off (the installed ``azure-storage-blob`` may speak a newer service version than the
  emulator knows); stopped (its own process only) when the session ends.
- Skipped, with the reason, only when ``node``/``npm`` are not installed; any other failure
  (no registry, a crash) is an error, not a silent skip.

The account is Azurite's documented development account (``devstoreaccount1`` and its
well-known key, https://learn.microsoft.com/azure/storage/common/storage-use-azurite), which
only the emulator accepts.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ACCOUNT = "devstoreaccount1"
#: Azurite's published development-account key (not a secret: it works against the emulator only).
ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
INSTALL_TIMEOUT_SECONDS = 600
START_TIMEOUT_SECONDS = 60


def _install_dir() -> Path:
    override = os.environ.get("SOVEREIGN_AZURITE_DIR")
    if override:
        return Path(override)
    lock_hash = hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "sovereign-events" / f"azurite-{lock_hash}"


def _install(npm: str) -> Path:
    """``node_modules/.bin/azurite-blob`` of the pinned install (installed on first use)."""
    target = _install_dir()
    target.mkdir(parents=True, exist_ok=True)
    binary = target / "node_modules" / ".bin" / "azurite-blob"
    stamp = target / ".installed"
    with open(target / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (stamp.exists() and binary.exists()):
            for name in ("package.json", "package-lock.json"):
                shutil.copyfile(HERE / name, target / name)
            result = subprocess.run(
                [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=target, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_SECONDS,
            )
            if result.returncode != 0:
                raise RuntimeError(f"npm ci of azurite in {target} failed:\n{result.stderr[-2000:]}")
            stamp.write_text("ok\n")
    return binary


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"azurite-blob exited with {process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"azurite-blob did not listen on port {port} within {START_TIMEOUT_SECONDS} s:\n{log.read_text()[-2000:]}")


@pytest.fixture(scope="session")
def azurite_blob_url() -> Iterator[str]:
    """The Blob endpoint (``http://127.0.0.1:<port>/devstoreaccount1``) of a fresh Azurite."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node/npm are not installed: the Azurite (Blob endpoint) tests need them")
    binary = _install(npm)
    port = _free_port()
    workspace = Path(tempfile.mkdtemp(prefix="azurite-"))
    log = workspace / "azurite.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(binary), "--blobHost", "127.0.0.1", "--blobPort", str(port), "--inMemoryPersistence",
             "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent"],
            stdout=out, stderr=subprocess.STDOUT, cwd=workspace,  # in memory: nothing is written there
        )
    try:
        _wait_for(port, process, log)
        yield f"http://127.0.0.1:{port}/{ACCOUNT}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(workspace, ignore_errors=True)


@pytest.fixture
def container(azurite_blob_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A new, empty container (``ContainerClient``) per test, deleted afterwards."""
    from azure.storage.blob import BlobServiceClient

    service = BlobServiceClient(account_url=azurite_blob_url, credential={"account_name": ACCOUNT, "account_key": ACCOUNT_KEY})
    name = "archive-" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:20]
    client = service.create_container(name)
    try:
        yield client
    finally:
        client.delete_container()
