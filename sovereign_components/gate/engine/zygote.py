"""A fork server for program processes: the SDKs imported once, a fresh process per run.

A fresh interpreter pays ~1–2 s of imports (pulumi, the azure-native modules a program touches)
before the program's first line. For repeated runs in one gate process (the test suite runs
hundreds of programs, the bench dozens) this script imports them once and then *forks* a child
per run (~0.1 s); each child is a pristine copy of the zygote — nothing one program does reaches
the next — and runs ``child.run`` exactly as a fresh ``child.py`` would.

Run as a script by the gate (``python -u zygote.py FD``, the control socket's descriptor); like
``child.py`` it imports only the standard library and the program environment's own SDKs.
Rules that keep forking safe (pulumi-facts: gRPC and fork):

* no gRPC object exists in the zygote (modules are imported, no channel or server is made), so
  no gRPC thread is forked;
* the zygote is single-threaded; it waits on its control socket and a SIGCHLD wake-up pipe.

Protocol (all messages one JSON line): the gate sends ``{"spec": {...}}`` with three descriptors
(``SCM_RIGHTS``): a connection for this run, the write end of the program's output pipe, the
write end of its status pipe. The zygote forks; the child makes itself a session leader, puts
output on fds 1/2 and status on fd 3, closes every other descriptor (the program cannot reach the
zygote or the gate's other runs), runs the program and exits. The zygote answers on the run's
connection ``{"pid": n}`` and, when the child is reaped, ``{"exit": code}`` (``-signal`` when
killed). End of file on the control socket (the gate is gone) kills every child and exits.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import json
import os
import select
import signal
import socket
import sys
from typing import Any

#: Provider SDK modules imported ahead (only those installed). Touching a module attribute makes
#: azure-native's lazily loaded service packages actually load.
PRELOAD = (
    "pulumi_azure_native.resources", "pulumi_azure_native.storage", "pulumi_azure_native.eventgrid",
    "pulumi_azure_native.servicebus", "pulumi_azure_native.eventhub", "pulumi_azure_native.cosmosdb",
    "pulumi_azure_native.web", "pulumi_azure_native.network", "pulumi_azure_native.privatedns",
    "pulumi_azure_native.monitor", "pulumi_azure_native.operationalinsights",
    "pulumi_azure_native.authorization", "pulumi_azure_native.managedidentity",
    "pulumi_azure_native.keyvault", "pulumi_azure_native.applicationinsights", "pulumi_random",
)


def _load_child() -> Any:
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("_sovereign_program_child", os.path.join(here, "child.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def preload(names: tuple[str, ...] = PRELOAD) -> None:
    import pulumi  # noqa: F401
    import pulumi.runtime  # noqa: F401

    for name in names:
        try:
            if importlib.util.find_spec(name.split(".")[0]) is None:
                continue
            module = importlib.import_module(name)
            getattr(module, "__name__")
            attrs = [a for a in dir(module) if not a.startswith("_")]
            if attrs:
                getattr(module, attrs[0])  # a lazy azure-native service package loads here
        except Exception:  # noqa: BLE001 - a module that fails to import is the program's business
            continue


def _send(sock: socket.socket, message: dict[str, Any]) -> None:
    try:
        sock.sendall((json.dumps(message) + "\n").encode())
    except OSError:
        return


def _child(child_mod: Any, spec: dict[str, Any], fds: list[int], sockets: list[socket.socket]) -> None:
    """In the forked child: become the program's process (never returns)."""
    code = 70
    try:
        for sock in sockets:  # their descriptors are closed below; the objects must not close reused ones
            sock.detach()
        os.setsid()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        conn, out_w, status_w = fds
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_w, 1)
        os.dup2(out_w, 2)
        os.dup2(status_w, child_mod.STATUS_FD)
        os.closerange(child_mod.STATUS_FD + 1, 1 << 16)
        sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
        sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
        child_mod._parent_death_signal()
        code = child_mod.run(spec, child_mod.STATUS_FD)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - the forked child must never return into the zygote loop
        code = 70
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve(control: socket.socket, child_mod: Any) -> None:
    conns: dict[int, socket.socket] = {}
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    signal.set_wakeup_fd(write_end)
    signal.signal(signal.SIGCHLD, lambda *_: None)

    def shutdown(*_: Any) -> None:
        for pid in list(conns):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        os._exit(0)

    signal.signal(signal.SIGTERM, shutdown)
    _send(control, {"ready": True, "python": sys.executable})
    buffer = b""
    pending: list[int] = []
    while True:
        try:
            ready, _, _ = select.select([control, read_end], [], [])
        except InterruptedError:
            continue
        if read_end in ready:
            try:
                os.read(read_end, 512)
            except BlockingIOError:
                pass
            _reap(conns)
        if control in ready:
            try:
                data, fds, _, _ = socket.recv_fds(control, 1 << 20, 3)
            except OSError:
                shutdown()
            if not data:
                shutdown()
            buffer += data
            pending.extend(fds)
            if not buffer.endswith(b"\n"):
                continue
            message, buffer = json.loads(buffer), b""
            fds, pending = pending, []
            if len(fds) != 3:
                for fd in fds:
                    os.close(fd)
                continue
            pid = os.fork()
            if pid == 0:
                _child(child_mod, message["spec"], fds, [control, *conns.values()])
            conn = socket.socket(fileno=fds[0])
            os.close(fds[1])
            os.close(fds[2])
            conns[pid] = conn
            _send(conn, {"pid": pid})


def _reap(conns: dict[int, socket.socket]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        except OSError as exc:
            if exc.errno == errno.EINTR:
                continue
            return
        if pid == 0:
            return
        code = os.waitstatus_to_exitcode(status)
        conn = conns.pop(pid, None)
        if conn is not None:
            _send(conn, {"exit": code})
            conn.close()


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    control = socket.socket(fileno=int(sys.argv[1]))
    child_mod = _load_child()
    child_mod._parent_death_signal()
    preload()
    import gc

    gc.collect()
    gc.freeze()  # forked children share these pages; their collector never walks them
    serve(control, child_mod)
    return 0


if __name__ == "__main__":
    sys.exit(main())
