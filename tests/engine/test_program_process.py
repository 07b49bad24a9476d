"""The program's process: isolated from the gate and from other runs, and gone when the run is.

An interrupted ``sovereign preview`` leaves no program process and no temporary file behind;
each run forked from the zygote starts from a pristine copy (nothing one program does reaches
the next); the monitor offers the features the SDK needs (transforms) and the program's
environment has no ``PULUMI_*`` variable of the gate's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sovereign_components.gate.pipeline import capture_program

HANG = '''
import os
import subprocess
import sys
import time
from pathlib import Path

from pulumi_azure_native import resources

helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
Path("pids").write_text(f"{os.getpid()} {helper.pid}")
rg = resources.ResourceGroup("rg", location="westeurope")
rg.name.apply(lambda _: time.sleep(300))
'''


def write_program(path: Path, main: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (path / "Pulumi.dev.yaml").write_text("config: {}\n")
    (path / "__main__.py").write_text(main)
    return path


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return not fh.read().split(") ", 1)[1].startswith("Z")
    except OSError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_an_interrupted_run_leaves_no_process_and_no_temporary_file(tmp_path: Path):
    program = write_program(tmp_path / "prog", HANG)
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")}
    env["TMPDIR"] = str(scratch)
    # The gate's output goes to files, not pipes nobody reads while it runs: a full pipe would
    # block the gate on a write and look like a gate that ignores Ctrl-C.
    out_path, err_path = tmp_path / "gate.out", tmp_path / "gate.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        gate = subprocess.Popen([sys.executable, "-m", "sovereign_components", "preview", "--cwd", str(program),
                                 "--stack", "dev"], env=env, stdout=out, stderr=err)
    pids_file = program / "pids"
    deadline = time.monotonic() + 120
    while not pids_file.exists() and time.monotonic() < deadline and gate.poll() is None:
        time.sleep(0.1)
    assert pids_file.exists(), err_path.read_text() if gate.poll() is not None else "program never started"
    time.sleep(0.5)
    program_pid, helper_pid = map(int, pids_file.read_text().split())
    gate.send_signal(signal.SIGINT)
    try:
        code = gate.wait(timeout=60)
    except subprocess.TimeoutExpired:
        gate.kill()
        raise AssertionError("the gate was still running 60 s after Ctrl-C; its stderr ends with:\n"
                             + err_path.read_text(errors="replace")[-3000:]) from None
    assert code == 130, err_path.read_text(errors="replace")[-3000:]
    time.sleep(0.2)
    assert not alive(program_pid) and not alive(helper_pid)
    assert list(scratch.iterdir()) == []


LEAK = '''
import json
import os
from pathlib import Path

import pulumi
import pulumi.runtime.settings as settings
from pulumi_azure_native import resources

previous = getattr(settings, "_left_by_another_program", None)
settings._left_by_another_program = "poison"
Path("seen.json").write_text(json.dumps({
    "previous": previous,
    "pulumi_env": sorted(k for k in os.environ if k.startswith("PULUMI_") and k not in ("PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS")),
    "argv": __import__("sys").argv,
}))
resources.ResourceGroup("rg", location="westeurope")
'''


def test_runs_do_not_see_each_other_nor_the_gates_pulumi_settings(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PULUMI_ACCESS_TOKEN", "pul-secret")
    monkeypatch.setenv("PULUMI_CONFIG", '{"p:injected": "1"}')
    program = write_program(tmp_path / "prog", LEAK)
    for _ in range(4):  # the first runs are fresh interpreters, later ones forks of the zygote
        capture = capture_program(program, "dev")
        seen = json.loads((program / "seen.json").read_text())
        assert seen["previous"] is None and seen["pulumi_env"] == []
        assert seen["argv"] == [str(program)]
        assert "p:injected" not in capture.config


def test_the_monitor_offers_what_the_sdk_needs():
    from pulumi.runtime.proto import resource_pb2

    from sovereign_components.gate.engine.emulation import Emulator, RunInfo

    info = Emulator(RunInfo(project="p", stack="s", config={"p:a": "1"}), None).deployment_info()
    assert resource_pb2.RESOURCE_MONITOR_FEATURE_TRANSFORMS in info.supportedFeatures
    assert resource_pb2.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS in info.supportedFeatures
    assert info.dryRun and (info.project, info.stack, dict(info.config)) == ("p", "s", {"p:a": "1"})


KILL_PARENT = '''
import os
import signal

from pulumi_azure_native import resources

resources.ResourceGroup("rg-us", location="eastus")
with open(f"/proc/{os.getppid()}/cmdline", "rb") as fh:
    parent = fh.read()
if b"zygote.py" in parent:  # never the test process itself
    os.kill(os.getppid(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)
'''


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_program_that_kills_its_fork_server_ends_in_an_error_and_the_next_run_works(tmp_path: Path):
    from sovereign_components.errors import ProgramError
    from sovereign_components.gate.engine import launcher

    quiet = write_program(tmp_path / "quiet", "import pulumi\n")
    for _ in range(3):
        capture_program(quiet, "dev")
    deadline = time.monotonic() + 120
    while not any(z.ready() for z in launcher._ZYGOTES.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    killer = write_program(tmp_path / "killer", KILL_PARENT)
    with pytest.raises(ProgramError) as err:
        capture_program(killer, "dev")
    assert "nothing was judged" in str(err.value)
    assert capture_program(quiet, "dev").resources  # a dead fork server is replaced


EXIT_IN_APPLY = '''
from pulumi_azure_native import cosmosdb, resources

rg = resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders",
    resource_group_name="rg-orders",
    location="westeurope",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="westeurope", failover_priority=0)],
)


def leave(_name: str) -> str:
    raise SystemExit(0)


rg.name.apply(leave)
'''


def test_systemexit_in_apply_is_one_message_not_a_traceback(tmp_path: Path, capfd):
    """A SystemExit raised on the SDK's loop leaves its tasks suspended; the child settles them
    and silences the asyncio logger as the language host does, so the gate's stderr carries the
    verdict (exit 2, incomplete run) and no relayed traceback — fresh child and zygote forks."""
    from sovereign_components.errors import ProgramError

    program = write_program(tmp_path / "prog", EXIT_IN_APPLY)
    for _ in range(3):  # the first run is a fresh interpreter, later ones forks of the zygote
        with pytest.raises(ProgramError, match="incomplete run"):
            capture_program(program, "dev")
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception ignored" not in err and "Task was destroyed" not in err, err
    cli = Path(sys.executable).with_name("sovereign")
    proc = subprocess.run([str(cli), "preview", "--cwd", str(program), "--format", "json"], capture_output=True,
                          text=True, timeout=180, env={k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")})
    assert proc.returncode == 2 and "incomplete run" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
