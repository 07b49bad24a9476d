"""Start the program's process — fresh, or forked from a zygote — and end it, whatever happens.

A program always runs in a process of its own, under the interpreter of its environment
(``Pulumi.yaml`` ``runtime.options.virtualenv``, else this one), with this process's environment
minus ``PULUMI_*`` and ``TRACEPARENT`` (the gate's own Pulumi settings and credentials are not the
program's business; the SDK is configured from the run's spec, as the language host does). The
process is a session leader, so the whole group it may have started is killed with it.

Two ways to get the process:

* **fresh** (``python -u child.py``): started *first*, before the gate has even started its
  monitor, so the SDK imports overlap the gate's own set-up; the spec follows on stdin. This is
  what a single ``sovereign preview`` uses.
* **zygote** (``zygote.py``): for repeated runs in one gate process (tests, bench) a fork server
  with the SDKs imported forks a pristine child per run. It is started on the *second* run of an
  interpreter (a single CLI run never pays for it) and used once it is ready.

The program's stdout and stderr are relayed to this process's ``sys.stderr`` (stdout carries the
report). Its failure report arrives on a separate pipe (see ``child.py``). :meth:`Run.close`
kills the process group and closes every descriptor: an interrupted or timed-out run leaves no
process and no file behind (no temporary files are made at all).
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ENGINE_DIR = Path(__file__).resolve().parent
CHILD_SCRIPT = ENGINE_DIR / "child.py"
ZYGOTE_SCRIPT = ENGINE_DIR / "zygote.py"
#: Variables never handed to a program: the gate's Pulumi settings and trace context.
STRIPPED_PREFIXES = ("PULUMI_",)
STRIPPED_NAMES = frozenset({"TRACEPARENT", "TRACESTATE"})
#: How long a zygote may take to answer a fork with the child's pid.
FORK_ANSWER_S = 30.0


class LaunchError(RuntimeError):
    """The program's process could not be started (interpreter missing, zygote gone)."""


def program_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default ``os.environ``) without ``PULUMI_*`` and ``TRACEPARENT``."""
    source = os.environ if base is None else base
    return {k: v for k, v in source.items() if not k.startswith(STRIPPED_PREFIXES) and k not in STRIPPED_NAMES}


def _stderr_sink(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        return


class _Relay(threading.Thread):
    """Copies the program's output pipe to ``sink`` until end of file or :meth:`stop`. The relay
    owns the pipe's read end and closes it itself when it ends, so the descriptor number is never
    reused while it might still read it."""

    def __init__(self, fd: int, sink: Callable[[str], None]) -> None:
        super().__init__(name="sovereign-program-output", daemon=True)
        self.fd = fd
        self.sink = sink
        self._wake_r, self._wake_w = os.pipe()
        self._deadline: float | None = None

    def run(self) -> None:
        try:
            while True:
                timeout = None if self._deadline is None else max(0.0, self._deadline - time.monotonic())
                try:
                    ready, _, _ = select.select([self.fd, self._wake_r], [], [], timeout)
                except (OSError, ValueError):
                    return
                if self.fd in ready:
                    try:
                        data = os.read(self.fd, 65536)
                    except OSError:
                        return
                    if not data:
                        return
                    self.sink(data.decode("utf-8", "replace"))
                    continue
                if self._wake_r in ready:
                    os.read(self._wake_r, 64)
                if self._deadline is not None and time.monotonic() >= self._deadline:
                    return
        finally:
            for fd in (self.fd, self._wake_r):
                try:
                    os.close(fd)
                except OSError:
                    pass

    def stop(self, grace: float = 0.5) -> None:
        """Drain what is buffered for up to ``grace`` seconds, then stop (a grandchild that kept
        the pipe open must not keep the gate waiting)."""
        self._deadline = time.monotonic() + grace
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass
        self.join(grace + 1.0)
        if not self.is_alive():
            try:
                os.close(self._wake_w)
            except OSError:
                pass


class Run:
    """One program process: deliver its spec, wait for it, kill it, read why it failed."""

    def __init__(self, sink: Callable[[str], None] | None) -> None:
        self.pid = 0
        self.mode = ""
        out_r, self._out_w = os.pipe()
        self._status_r, self._status_w = os.pipe()
        self._relay = _Relay(out_r, sink or _stderr_sink)
        self._relay.start()
        self._proc: subprocess.Popen[bytes] | None = None
        self._conn: socket.socket | None = None
        self._exit: int | None = None
        self._failure: bytes = b""
        self._closed = False

    # -- starting ---------------------------------------------------------------------------------
    def spawn_fresh(self, python: Path, env: Mapping[str, str]) -> None:
        self.mode = "fresh"
        try:
            self._proc = subprocess.Popen(
                [str(python), "-u", str(CHILD_SCRIPT)], stdin=subprocess.PIPE, stdout=self._out_w,
                stderr=self._out_w, pass_fds=(self._status_w,), env=dict(env), start_new_session=True,
                close_fds=True)
        except OSError as exc:
            self.close()
            raise LaunchError(f"{python}: cannot start the program's interpreter: {exc.strerror or exc}") from None
        self.pid = self._proc.pid
        self._close_child_ends()

    def deliver(self, spec: dict[str, Any]) -> None:
        """Hand a fresh child its spec (monitor address, project, config) on stdin."""
        assert self._proc is not None and self._proc.stdin is not None
        spec = {**spec, "status_fd": self._status_w_number}
        try:
            self._proc.stdin.write((json.dumps(spec) + "\n").encode())
            self._proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the child is already gone: wait() reports how it ended

    def fork_from(self, zygote: "Zygote", spec: dict[str, Any], python: Path, env: Mapping[str, str]) -> None:
        """Fork the program from ``zygote``; if the fork server is gone (a program may kill it),
        start a fresh interpreter instead."""
        self.mode = "zygote"
        try:
            self._conn, self.pid = zygote.fork(spec, self._out_w, self._status_w)
        except LaunchError:
            self.spawn_fresh(python, env)
            self.deliver(spec)
            return
        self._close_child_ends()

    def _close_child_ends(self) -> None:
        self._status_w_number = self._status_w
        for fd in (self._out_w, self._status_w):
            try:
                os.close(fd)
            except OSError:
                pass
        self._out_w = self._status_w = -1

    # -- waiting ---------------------------------------------------------------------------------
    def wait(self, timeout: float) -> int:
        """The exit code (``-N``: killed by signal N); raises ``TimeoutError``."""
        deadline = time.monotonic() + timeout
        if self._proc is not None:
            try:
                self._exit = self._proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise TimeoutError from None
        else:
            assert self._conn is not None
            self._exit = _read_exit(self._conn, deadline)
        self._read_failure()
        return self._exit

    def _read_failure(self) -> None:
        chunks = []
        while True:
            ready, _, _ = select.select([self._status_r], [], [], 0)
            if not ready:
                break
            data = os.read(self._status_r, 65536)
            if not data:
                break
            chunks.append(data)
        self._failure = b"".join(chunks)

    def failure(self) -> dict[str, Any] | None:
        """The program's failure report, if it wrote one (anything unreadable is a failure too)."""
        text = self._failure.decode("utf-8", "replace").strip()
        if not text:
            return None
        try:
            report = json.loads(text.splitlines()[0])
        except (ValueError, IndexError):
            return {"kind": "garbled", "message": "", "traceback": ""}
        return report if isinstance(report, dict) else {"kind": "garbled", "message": "", "traceback": ""}

    # -- ending ----------------------------------------------------------------------------------
    def kill(self) -> None:
        if self.pid > 0:
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            except OSError:
                pass

    def close(self) -> None:
        """Kill the process group (if still there), reap it, stop the relay, close descriptors."""
        if self._closed:
            return
        self._closed = True
        self.kill()
        if self._proc is not None:
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            if self._proc.stdin is not None and not self._proc.stdin.closed:
                try:
                    self._proc.stdin.close()
                except OSError:
                    pass
        elif self._conn is not None and self._exit is None:
            try:
                _read_exit(self._conn, time.monotonic() + 5)
            except (TimeoutError, LaunchError):
                pass
        if self._conn is not None:
            self._conn.close()
        self._relay.stop()
        for fd in (self._out_w, self._status_w, self._status_r):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass


def _read_line(conn: socket.socket, deadline: float) -> dict[str, Any]:
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        ready, _, _ = select.select([conn], [], [], remaining)
        if not ready:
            continue
        chunk = conn.recv(4096)
        if not chunk:
            raise LaunchError("the program's fork server ended unexpectedly")
        data += chunk
    return json.loads(data)


def _read_exit(conn: socket.socket, deadline: float) -> int:
    message = _read_line(conn, deadline)
    return int(message.get("exit", 70))


class Zygote:
    """A fork server for one interpreter and environment (see ``zygote.py``)."""

    def __init__(self, python: Path, env: Mapping[str, str]) -> None:
        self.python = python
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock = ours
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._broken = False
        try:
            self._proc = subprocess.Popen(
                [str(python), "-u", str(ZYGOTE_SCRIPT), str(theirs.fileno())], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(theirs.fileno(),),
                env=dict(env), start_new_session=True, close_fds=True)
        finally:
            theirs.close()
        threading.Thread(target=self._await_ready, name="sovereign-zygote-ready", daemon=True).start()

    def _await_ready(self) -> None:
        try:
            message = _read_line(self._sock, time.monotonic() + 300)
        except (TimeoutError, LaunchError, OSError, ValueError):
            return
        if message.get("ready"):
            self._ready.set()

    def ready(self) -> bool:
        return self._ready.is_set() and self._proc.poll() is None

    def dead(self) -> bool:
        return self._broken or self._proc.poll() is not None

    def fork(self, spec: dict[str, Any], out_w: int, status_w: int) -> tuple[socket.socket, int]:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        payload = (json.dumps({"spec": {**spec, "status_fd": 3}}) + "\n").encode()
        try:
            with self._lock:
                socket.send_fds(self._sock, [payload[:4096]], [theirs.fileno(), out_w, status_w])
                if len(payload) > 4096:
                    self._sock.sendall(payload[4096:])
        except OSError as exc:
            self._broken = True
            ours.close()
            raise LaunchError(f"the program's fork server is gone: {exc}") from None
        finally:
            theirs.close()
        try:
            message = _read_line(ours, time.monotonic() + FORK_ANSWER_S)
        except (TimeoutError, LaunchError, OSError, ValueError):
            self._broken = True
            ours.close()
            raise LaunchError("the program's fork server did not start the program") from None
        return ours, int(message["pid"])

    def close(self) -> None:
        try:
            self._sock.close()
        finally:
            if self._proc.poll() is None:
                self._proc.terminate()
                try:
                    self._proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._proc.kill()


_ZYGOTES: dict[tuple[str, frozenset[tuple[str, str]]], Zygote] = {}
_RUNS: Counter[tuple[str, frozenset[tuple[str, str]]]] = Counter()
_REGISTRY_LOCK = threading.Lock()
#: Runs of one interpreter before a zygote is started for the next ones.
ZYGOTE_AFTER_RUNS = 1
#: Zygotes kept at once (each holds the imported SDKs); the oldest goes when another is needed.
MAX_ZYGOTES = 2


def _close_zygotes() -> None:
    with _REGISTRY_LOCK:
        zygotes = list(_ZYGOTES.values())
        _ZYGOTES.clear()
    for zygote in zygotes:
        zygote.close()


atexit.register(_close_zygotes)


def begin(python: Path, env: Mapping[str, str], *, sink: Callable[[str], None] | None = None,
          use_zygote: bool = True) -> tuple[Run, Zygote | None]:
    """Start a run: a fresh child now (its imports overlap the caller's set-up), or — when a
    ready zygote exists for this interpreter and environment — a :class:`Run` to fork later.
    Returns the run and the zygote to fork it from (``None``: fresh; call :meth:`Run.deliver`)."""
    key = (str(python), frozenset(env.items()))
    run = Run(sink)
    zygote = None
    with _REGISTRY_LOCK:
        _RUNS[key] += 1
        existing = _ZYGOTES.get(key)
        if existing is not None and existing.dead():  # killed (by a program, or the OS): start over
            existing.close()
            del _ZYGOTES[key]
            existing = None
        if existing is not None and existing.ready():
            zygote = existing
        elif existing is None and use_zygote and _RUNS[key] > ZYGOTE_AFTER_RUNS:
            while len(_ZYGOTES) >= MAX_ZYGOTES:
                _ZYGOTES.pop(next(iter(_ZYGOTES))).close()
            _ZYGOTES[key] = Zygote(python, env)
    if zygote is None:
        run.spawn_fresh(python, env)
    return run, zygote
