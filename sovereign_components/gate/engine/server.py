"""The gRPC host of the emulation: the ``pulumirpc.ResourceMonitor`` and ``pulumirpc.Engine``
services a program's SDK connects to, served by the gate on loopback port 0.

This is the real architecture of a Pulumi deployment (the engine serves these two services to
the language host's program, pulumi ``pkg/resource/deploy/source_eval.go``), minus providers and
state: the program runs in a process of its own with the unmodified SDK, and everything the gate
judges is what arrived here. A refusal (:class:`~.emulation.EmulationError`) is returned as a gRPC
error, which the SDK raises in the program, as it would raise the engine's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import grpc
from pulumi.runtime.proto import engine_pb2_grpc, resource_pb2_grpc

from .emulation import EmulationError, Emulator

#: Threads answering RPCs. The SDK sends from a pool of ``4 * parallel`` threads; transforms
#: call back into the program while a registration waits, so keep more than the program sends.
WORKERS = 48
#: Messages as large as the engine allows (a stack output can carry a large JSON document).
MAX_MESSAGE = 400 * 1024 * 1024


@dataclass
class RpcStats:
    """Calls and seconds spent answering them, per RPC (the bench prints them)."""

    calls: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str, seconds: float) -> None:
        with self._lock:
            self.calls[name] = self.calls.get(name, 0) + 1
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds


def _guard(context: Any, run: Callable[[], Any], stats: RpcStats | None = None, name: str = "") -> Any:
    start = time.perf_counter()
    try:
        return run()
    except EmulationError as exc:
        context.abort(grpc.StatusCode.FAILED_PRECONDITION, str(exc))
    except Exception as exc:  # noqa: BLE001 - an engine bug is the program's failure, with its cause
        context.abort(grpc.StatusCode.INTERNAL, f"offline engine error: {type(exc).__name__}: {exc}")
    finally:
        if stats is not None:
            stats.add(name, time.perf_counter() - start)
    return None


class MonitorServicer(resource_pb2_grpc.ResourceMonitorServicer):
    def __init__(self, emulator: Emulator, stats: RpcStats) -> None:
        self.e = emulator
        self.stats = stats

    def GetDeploymentInfo(self, request: Any, context: Any) -> Any:  # noqa: N802 - gRPC names
        return _guard(context, self.e.deployment_info, self.stats, "GetDeploymentInfo")

    def SupportsFeature(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.supports_feature(request), self.stats, "SupportsFeature")

    def Invoke(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.invoke(request), self.stats, "Invoke")

    def Call(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.call(request), self.stats, "Call")

    def ReadResource(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.read_resource(request), self.stats, "ReadResource")

    def RegisterResource(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.register_resource(request), self.stats, "RegisterResource")

    def RegisterResourceOutputs(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.register_resource_outputs(request), self.stats, "RegisterResourceOutputs")

    def RegisterStackTransform(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.register_stack_transform(request), self.stats, "RegisterStackTransform")

    def RegisterStackInvokeTransform(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.register_stack_invoke_transform(request), self.stats, "RegisterStackInvokeTransform")

    def RegisterResourceHook(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.accept(request), self.stats, "RegisterResourceHook")

    def RegisterErrorHook(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.accept(request), self.stats, "RegisterErrorHook")

    def RegisterPackage(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.register_package(request), self.stats, "RegisterPackage")

    def SignalAndWaitForShutdown(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, self.e.signal_and_wait_for_shutdown, self.stats, "SignalAndWaitForShutdown")


class EngineServicer(engine_pb2_grpc.EngineServicer):
    def __init__(self, emulator: Emulator, stats: RpcStats) -> None:
        self.e = emulator
        self.stats = stats

    def Log(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.log(request), self.stats, "Log")

    def GetRootResource(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, self.e.get_root_resource, self.stats, "GetRootResource")

    def SetRootResource(self, request: Any, context: Any) -> Any:  # noqa: N802
        return _guard(context, lambda: self.e.set_root_resource(request), self.stats, "SetRootResource")


class MonitorServer:
    """Both services for one emulator on ``127.0.0.1:<port>``; ``stop()`` ends every call."""

    def __init__(self, emulator: Emulator) -> None:
        options = [("grpc.max_receive_message_length", MAX_MESSAGE), ("grpc.max_send_message_length", MAX_MESSAGE)]
        self._server = grpc.server(ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sovereign-monitor"),
                                   options=options)
        self.stats = RpcStats()
        resource_pb2_grpc.add_ResourceMonitorServicer_to_server(MonitorServicer(emulator, self.stats), self._server)
        engine_pb2_grpc.add_EngineServicer_to_server(EngineServicer(emulator, self.stats), self._server)
        port = self._server.add_insecure_port("127.0.0.1:0")
        if not port:
            raise OSError("could not listen on a loopback port for the resource monitor")
        self.address = f"127.0.0.1:{port}"
        self._server.start()

    def stop(self) -> None:
        self._server.stop(grace=None).wait(5.0)

    def __enter__(self) -> "MonitorServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
