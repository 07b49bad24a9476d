"""The resource monitor's work, offline: one emulation for both hosts.

:class:`Emulator` answers the ``pulumirpc.ResourceMonitor`` and ``pulumirpc.Engine`` requests a
Pulumi program's SDK sends (protobuf messages in, protobuf messages out) and records what it
received. It is hosted either by the gRPC server the gate serves to a program in a process of
its own (:mod:`.server`, the default and the only host the CLI uses) or, for the test suite's
trusted fixtures and the bench's reference, by an in-process monitor object (:mod:`.inprocess`).
Both hosts hand it the very requests the SDK builds, so both capture the same thing.

Per ``RegisterResource`` it does what the engine and the provider would do before a resource
reaches a policy (``pkg/resource/deploy/source_eval.go``; azure-native ``Check``):

1. inherit ``protect``/``provider`` from the parent as the engine does (``inheritFromParent``)
   and resolve the provider from ``provider``/``providers``/the parent component's providers;
2. run the transforms (:mod:`.transforms`: own, ancestors', stack's);
3. make the engine's URN (:mod:`.urns`);
4. fill the provider's ``location`` default (:mod:`.defaults`) for every type whose SDK input
   has a ``location``;
5. answer with an ARM-shaped id and outputs (:mod:`.outputs`), and record a
   :class:`~..model.CapturedResource` with the inputs exactly as they came off the wire (plus the
   default), the keys its SDK input type does not declare (:mod:`.wire`), and its options.

Invokes are answered from the SDK (:mod:`.invokes`); ``Resource.get`` and ``StackReference`` reads
are recorded as external resources whose values are placeholders to the program and unknown to
policies. The *stream* is tracked for completeness: a run is judged only if it registered exactly
one root stack, completed it (``RegisterResourceOutputs``) and signalled shutdown with nothing
registered afterwards (:meth:`Emulator.incomplete`).

Thread-safe: the SDK sends RPCs from a thread pool and the server answers on several threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import PROVIDER_TYPE_PREFIX, STACK_TYPE, UNKNOWN, CapturedResource
from ..sdk import SdkError, SdkSchema
from . import arm, invokes, outputs, urns
from .defaults import RESOURCE_GROUP, Default, LocationDefaults
from .identity import stack_identity
from .placeholders import is_made_up
from .transforms import (TransformError, TransformTable, apply_invoke_transforms, apply_resource_transforms,
                         from_struct, to_struct)
from .wire import replace_resource_refs, unreadable_keys

STACK_REFERENCE = "pulumi:pulumi:StackReference"
GET_RESOURCE = "pulumi:pulumi:getResource"
#: Providers whose ``Check`` fills a missing ``location`` (pulumi-azure-native ``applyDefaults``).
LOCATION_DEFAULTING_PACKAGES = frozenset({"azure-native"})


class EmulationError(Exception):
    """A request the offline engine refuses (the program then fails; the gate exits 2 with this)."""


@dataclass(frozen=True)
class RunInfo:
    """What the monitor tells the program about the deployment (``GetDeploymentInfo``)."""

    project: str
    stack: str
    config: Mapping[str, str]
    secret_keys: Sequence[str] = ()
    esc_environments: Sequence[str] = ()
    #: Where ``azure-native:location`` came from, for the notes (e.g. ``Pulumi.eu.yaml``).
    config_source: str = "stack config"
    unknowns: bool = False
    organization: str = "organization"
    parallel: int = 8
    directory: Path | None = None


@dataclass
class _Goal:
    """What a child inherits from a registered parent (the engine's ``resGoals``)."""

    protect: bool | None
    provider: str


def _features() -> list[int]:
    """The monitor features offered: what the engine offers and this emulation honours.

    Transforms must be listed (else the SDK refuses ``transforms=``: "CLI does not support
    transforms"); alias specs let the engine resolve aliases; deleted-with is accepted (it acts
    at deployment time). Hooks are listed so that a program using them reaches the monitor,
    which refuses a resource they are bound to with a message naming them (the SDK's own
    refusal would name the CLI instead)."""
    from pulumi.runtime.proto import resource_pb2 as rp

    return [rp.RESOURCE_MONITOR_FEATURE_SECRETS, rp.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
            rp.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES, rp.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
            rp.RESOURCE_MONITOR_FEATURE_DELETED_WITH, rp.RESOURCE_MONITOR_FEATURE_REPLACE_WITH,
            rp.RESOURCE_MONITOR_FEATURE_REPLACEMENT_TRIGGER, rp.RESOURCE_MONITOR_FEATURE_TRANSFORMS,
            rp.RESOURCE_MONITOR_FEATURE_INVOKE_TRANSFORMS, rp.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION,
            rp.RESOURCE_MONITOR_FEATURE_RESOURCE_HOOKS, rp.RESOURCE_MONITOR_FEATURE_ERROR_HOOKS]


_LEGACY_FEATURES = {"secrets", "resourceReferences", "outputValues", "aliasSpecs", "deletedWith", "transforms",
                    "invokeTransforms", "parameterization", "resourceHooks", "errorHooks", "replaceWith"}


def _package(token: str) -> str:
    return token[len(PROVIDER_TYPE_PREFIX):] if token.startswith(PROVIDER_TYPE_PREFIX) else token.split(":", 1)[0]


def _provider_package(ref: str) -> str:
    """The package of a provider reference ``<provider urn>::<id>`` (its URN's last type)."""
    parts = ref.split("::")
    return _package(parts[2].rsplit("$", 1)[-1]) if len(parts) >= 4 else ""


HOOK_KINDS = ("before_create", "after_create", "before_update", "after_update", "before_delete", "after_delete",
              "on_error")


def bound_hooks(*bindings: Any) -> list[str]:
    """``kind:name`` of every resource hook the bindings attach (request and transformed options)."""
    found: list[str] = []
    for binding in bindings:
        for kind in HOOK_KINDS:
            found.extend(f"{kind}:{name}" for name in getattr(binding, kind, ()))
    return list(dict.fromkeys(found))


def _has(message: Any, name: str) -> bool:
    try:
        return message.HasField(name)
    except ValueError:
        return False


@dataclass
class Notes:
    """What the run emulated, for the report's "emulated" list (kept in arrival order)."""

    locations: list[tuple[str, Default]] = field(default_factory=list)
    invokes: list[str] = field(default_factory=list)
    placeholder_types: set[str] = field(default_factory=set)
    external: list[str] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    made_up: list[str] = field(default_factory=list)
    transforms: int = 0
    logs: list[tuple[int, str]] = field(default_factory=list)


class Emulator:
    """The offline resource monitor and engine for one program run."""

    def __init__(self, info: RunInfo, schema: SdkSchema | None, *,
                 log_sink: Callable[[str], None] | None = None) -> None:
        self.info = info
        self.schema = schema
        #: the subscription/tenant the run is answered in (the stack's own, else derived)
        self.identity = stack_identity(info.project, info.stack, info.config, info.secret_keys)
        self.log_sink = log_sink
        secret_values = [info.config[k] for k in info.secret_keys if isinstance(info.config.get(k), str)]
        self._secret_values = tuple(v for v in secret_values if len(v) >= 8)
        self.locations = LocationDefaults(info.config, secret_keys=info.secret_keys,
                                          esc_environments=info.esc_environments, secret_values=secret_values,
                                          config_source=info.config_source)
        self.transforms = TransformTable()
        self.notes = Notes()
        self.captured: list[CapturedResource] = []
        self.component_outputs: dict[str, dict[str, Any]] = {}
        #: urn -> (id, program outputs): what ``pulumi:pulumi:getResource`` hands back
        self._state: dict[str, tuple[str, dict[str, Any]]] = {}
        self._goals: dict[str, _Goal] = {}
        self._component_providers: dict[str, dict[str, str]] = {}
        self._pending_locations: list[CapturedResource] = []
        self.stack_urns: list[str] = []
        self.stack_completed = False
        self.shutdown = False
        self.late: list[str] = []
        #: refusals (an invoke nothing can shape …): the first is the run's error message
        self.errors: list[str] = []
        self.root_resource = ""
        self._lock = threading.RLock()

    # -- helpers ----------------------------------------------------------------------------------
    def _spec(self, token: str) -> Any:
        if self.schema is None:
            return None
        try:
            return self.schema.resource(token)
        except SdkError as exc:
            raise self._refuse(f"reading the SDK facts of '{token}' failed: {exc}") from None

    def _refuse(self, message: str) -> EmulationError:
        with self._lock:
            self.errors.append(message)
        return EmulationError(message)

    def _unknowable(self, value: Any, path: str, urn: str) -> Any:
        """A string made from a value offline cannot know -> unknown, so policies cannot decide
        on it (and say so) instead of judging a stand-in: a secret config value (a placeholder
        offline) or anything the engine made up (a placeholder output or invoke result, e.g. an
        existing group's location)."""
        if isinstance(value, str):
            where = f"{urn.rsplit('::', 1)[-1]}.{path}"
            if any(s in value for s in self._secret_values):
                with self._lock:
                    self.notes.secrets.append(where)
                return UNKNOWN
            if is_made_up(value):
                with self._lock:
                    self.notes.made_up.append(where)
                return UNKNOWN
            return value
        if isinstance(value, dict):
            return {k: self._unknowable(v, f"{path}.{k}" if path else k, urn) for k, v in value.items()}
        if isinstance(value, list):
            return [self._unknowable(v, f"{path}[{i}]", urn) for i, v in enumerate(value)]
        return value

    def _make_urn(self, parent: str, type_: str, name: str) -> str:
        return urns.make_urn(self.info.stack, self.info.project, parent, type_, name)

    def _resolve_provider(self, provider: str, providers: Mapping[str, str], parent: str, package: str) -> str:
        """The engine's ``resolveProvider``: the request's, its ``providers`` entry for the
        package, else the parent component's."""
        if provider:
            return provider
        if package in providers:
            return providers[package]
        with self._lock:
            return self._component_providers.get(parent, {}).get(package, "")

    def _alias_urns(self, options: Any, request: Any, urn: str) -> list[str]:
        found = list(request.aliasURNs)
        for alias in options.aliases:
            if alias.WhichOneof("alias") == "urn":
                found.append(alias.urn)
            elif alias.WhichOneof("alias") == "spec":
                found.append(urns.alias_spec_urn(alias.spec, type_=request.type, name=request.name,
                                                 parent_urn=request.parent, project=self.info.project,
                                                 stack=self.info.stack))
        return [u for u in dict.fromkeys(found) if u != urn]

    def _options(self, request: Any, provider: str, protect: bool | None) -> Any:
        from pulumi.runtime.proto import resource_pb2

        options = resource_pb2.TransformResourceOptions(
            depends_on=list(request.dependencies), ignore_changes=list(request.ignoreChanges),
            replace_on_changes=list(request.replaceOnChanges), version=request.version,
            aliases=[*request.aliases], provider=provider, providers=dict(request.providers),
            plugin_download_url=request.pluginDownloadURL, deleted_with=request.deletedWith,
            additional_secret_outputs=list(request.additionalSecretOutputs),
        )
        options.aliases.extend(resource_pb2.Alias(urn=u) for u in request.aliasURNs)
        if protect is not None:
            options.protect = protect
        if _has(request, "retainOnDelete"):
            options.retain_on_delete = request.retainOnDelete
        return options

    # -- ResourceMonitor ------------------------------------------------------------------------
    def deployment_info(self) -> Any:
        from pulumi.runtime.proto import resource_pb2

        return resource_pb2.DeploymentInfo(
            project=self.info.project, stack=self.info.stack, organization=self.info.organization,
            config=dict(self.info.config), configSecretKeys=list(self.info.secret_keys), dryRun=True,
            parallel=self.info.parallel, supportedFeatures=_features())

    def supports_feature(self, request: Any) -> Any:
        from pulumi.runtime.proto import resource_pb2

        return resource_pb2.SupportsFeatureResponse(hasSupport=request.id in _LEGACY_FEATURES)

    def register_stack_transform(self, callback: Any) -> Any:
        from google.protobuf import empty_pb2

        self.transforms.register_stack(callback)
        return empty_pb2.Empty()

    def register_stack_invoke_transform(self, callback: Any) -> Any:
        from google.protobuf import empty_pb2

        self.transforms.register_stack_invoke(callback)
        return empty_pb2.Empty()

    def accept(self, request: Any) -> Any:
        """Registering a hook: accepted (binding one to a resource is refused, see
        :meth:`register_resource`)."""
        from google.protobuf import empty_pb2

        return empty_pb2.Empty()

    def register_package(self, request: Any) -> Any:
        from pulumi.runtime.proto import resource_pb2

        return resource_pb2.RegisterPackageResponse(ref=f"{request.name}@{request.version}")

    def signal_and_wait_for_shutdown(self) -> Any:
        from google.protobuf import empty_pb2

        with self._lock:
            self.shutdown = True
        return empty_pb2.Empty()

    def call(self, request: Any) -> Any:
        raise self._refuse(f"cannot emulate the resource method call '{request.tok}' offline "
                           "(a provider method runs in the provider; no provider runs offline)")

    def register_resource_outputs(self, request: Any) -> Any:
        from google.protobuf import empty_pb2

        values = replace_resource_refs(from_struct(request.outputs))
        with self._lock:
            if self.shutdown:
                self.late.append(f"outputs of {request.urn}")
            self.component_outputs[request.urn] = values
            if request.urn in self.stack_urns:
                self.stack_completed = True
        return empty_pb2.Empty()

    def register_resource(self, request: Any) -> Any:
        from pulumi.runtime.proto import resource_pb2

        type_, name, parent, custom = request.type, request.name, request.parent, bool(request.custom)
        with self._lock:
            if self.shutdown:
                self.late.append(f"{type_} '{name}'")
        if request.remote:
            raise self._refuse(
                f"{type_} '{name}' is a multi-language (remote) component: its provider constructs its "
                "children at deployment time and none runs offline, so what it would create cannot be "
                "judged; write the resources it would create in the program itself (its Python class if the "
                "package ships one; for a component without one, e.g. pulumi-synced-folder's AzureBlobFolder, "
                "the resources its documentation says it creates, such as one storage:Blob per file)")
        if type_ == STACK_TYPE and not parent:
            return self._register_stack(request)

        protect: bool | None = request.protect if _has(request, "protect") else None
        provider = request.provider
        with self._lock:
            goal = self._goals.get(parent)
        if goal is not None:  # the engine's inheritFromParent
            if protect is None:
                protect = goal.protect
            if not provider and goal.provider and (not custom or _provider_package(goal.provider) == _package(type_)):
                provider = goal.provider
        is_provider = type_.startswith(PROVIDER_TYPE_PREFIX)
        if custom and not is_provider:  # a provider resource is not served by a provider
            provider = self._resolve_provider(provider, request.providers, parent, _package(type_))

        options = self._options(request, provider, protect)
        try:
            result = apply_resource_transforms(self.transforms, request, options)
        except TransformError as exc:
            raise EmulationError(f"transform of {type_} '{name}' failed: {exc}") from None
        options = result.options
        hooks = bound_hooks(request.hooks, options.hooks)
        if hooks:
            raise self._refuse(
                f"{type_} '{name}' binds resource hooks ({', '.join(hooks)}): a hook is program code the engine runs "
                "around the provider's operations at deployment time (it may change the resource through the "
                "cloud API after it is created), which no preview runs and the gate cannot judge; run that code "
                "as a separate, reviewed step instead")
        protect = options.protect if _has(options, "protect") else protect
        if custom and not is_provider:
            provider = self._resolve_provider(options.provider, options.providers, parent, _package(type_))
        urn = self._make_urn(parent, type_, name)

        inputs = self._unknowable(replace_resource_refs(result.props), "", urn)
        spec = self._spec(type_) if custom else None
        if is_provider:
            self.locations.add_provider(urn, type_, name, inputs)

        record = CapturedResource(
            urn=urn, type=type_, name=name, parent=parent, custom=custom, inputs=inputs,
            protect=bool(protect), dependencies=sorted(set(result.dependencies)),
            property_dependencies={k: sorted(set(v)) for k, v in sorted(result.property_dependencies.items())},
            provider=provider if custom and not is_provider else "",
            aliases=self._alias_urns(options, request, urn),
            unreadable_keys=unreadable_keys(result.props, spec.inputs if spec is not None else None,
                                            provider=is_provider),
        )
        if (custom and not is_provider and spec is not None and spec.takes_location and "location" not in inputs
                and _package(type_) in LOCATION_DEFAULTING_PACKAGES):
            self._default_location(record, provider)
        if type_ == RESOURCE_GROUP:
            self.locations.add_resource_group(arm.resource_name(type_, name, inputs), record.inputs.get("location"))

        reply = outputs.answer(type_, name, record.inputs, spec, custom=custom, unknowns=self.info.unknowns,
                               identity=self.identity)
        record.id = reply.id
        record.outputs = reply.policy
        with self._lock:
            if reply.placeholders:
                self.notes.placeholder_types.add(type_)
            self.notes.transforms += result.applied
            self.captured.append(record)
            self._state[urn] = (reply.id, reply.program)
            self._goals[urn] = _Goal(protect, provider if custom else request.provider)
            if not custom:
                inherited = dict(self._component_providers.get(parent, {}))
                self._component_providers[urn] = {**inherited, **dict(options.providers)}
        self.transforms.remember(urn, parent, list(request.transforms))
        return resource_pb2.RegisterResourceResponse(urn=urn, id=reply.id, object=to_struct(reply.program))

    def _register_stack(self, request: Any) -> Any:
        from pulumi.runtime.proto import resource_pb2

        urn = self._make_urn("", STACK_TYPE, request.name)
        record = CapturedResource(urn=urn, type=STACK_TYPE, name=request.name, custom=False,
                                  inputs=replace_resource_refs(from_struct(request.object)))
        with self._lock:
            self.stack_urns.append(urn)
            self.captured.append(record)
            self._goals[urn] = _Goal(None, "")
        return resource_pb2.RegisterResourceResponse(urn=urn)

    def _default_location(self, record: CapturedResource, provider: str) -> None:
        found = self.locations.resolve(record.type, record.inputs, provider)
        if found is None:
            return
        record.inputs["location"] = found.value
        with self._lock:
            self.notes.locations.append((record.urn, found))
            if not self.locations.group_known(record.inputs) or found.value == UNKNOWN:
                self._pending_locations.append(record)

    def read_resource(self, request: Any) -> Any:
        from pulumi.runtime.proto import resource_pb2

        urn = self._make_urn(request.parent, request.type, request.name)
        props = replace_resource_refs(from_struct(request.properties))
        if request.type == STACK_REFERENCE:
            program = {"name": request.id, "outputs": UNKNOWN, "secretOutputNames": []}
            policy = {"name": request.id, "outputs": UNKNOWN}
            note = (f"stack reference '{request.id}' ({request.name}): its outputs cannot be read offline; "
                    "values derived from them are unknown, so rules that read them are undecided")
        else:
            reply = outputs.read_answer(request.type, request.id, props, self._spec(request.type), self.identity)
            program, policy = reply.program, reply.policy
            note = (f"read of existing resource {request.type} '{request.id}' ({request.name}): its state is "
                    "in Azure; the program saw placeholders, policies see its properties as unknown")
        record = CapturedResource(urn=urn, type=request.type, name=request.name, parent=request.parent,
                                  custom=True, inputs=props, outputs=policy, id=request.id,
                                  dependencies=sorted(request.dependencies), provider=request.provider,
                                  external=True)
        with self._lock:
            if self.shutdown:
                self.late.append(f"read of {request.type} '{request.name}'")
            self.captured.append(record)
            self.notes.external.append(note)
            self._state[urn] = (request.id, program)
        return resource_pb2.ReadResourceResponse(urn=urn, id=request.id, properties=to_struct(program))

    def invoke(self, request: Any) -> Any:
        from pulumi.runtime.proto import resource_pb2

        args = replace_resource_refs(from_struct(request.args))
        if request.tok == GET_RESOURCE:
            with self._lock:
                found = self._state.get(str(args.get("urn", "")))
            if found is None:
                raise self._refuse(f"getResource: unknown resource {args.get('urn')!r}")
            result: dict[str, Any] = {"urn": args["urn"], "id": found[0], "state": found[1]}
            return resource_pb2.ResourceInvokeResponse(**{"return": to_struct(result)})
        try:
            args = apply_invoke_transforms(self.transforms, request.tok, args)
        except TransformError as exc:
            raise EmulationError(f"invoke transform of '{request.tok}' failed: {exc}") from None
        try:
            result, source = invokes.answer(request.tok, args, self.schema, self.identity)
        except invokes.UnemulatedInvokeError as exc:
            raise self._refuse(str(exc)) from None
        except SdkError as exc:
            raise self._refuse(f"reading the SDK facts of invoke '{request.tok}' failed: {exc}") from None
        with self._lock:
            self.notes.invokes.append(invokes.describe(request.tok, args, source))
        return resource_pb2.ResourceInvokeResponse(**{"return": to_struct(result)})

    # -- Engine -------------------------------------------------------------------------------
    def log(self, request: Any) -> Any:
        from google.protobuf import empty_pb2
        from pulumi.runtime.proto import engine_pb2

        if request.severity != engine_pb2.DEBUG:
            label = {engine_pb2.INFO: "info", engine_pb2.WARNING: "warning", engine_pb2.ERROR: "error"}.get(
                request.severity, "info")
            where = f" ({request.urn.rsplit('::', 1)[-1]})" if request.urn else ""
            with self._lock:
                self.notes.logs.append((request.severity, request.message))
            if self.log_sink is not None:
                self.log_sink(f"program {label}{where}: {request.message}")
        return empty_pb2.Empty()

    def get_root_resource(self) -> Any:
        from pulumi.runtime.proto import engine_pb2

        with self._lock:
            return engine_pb2.GetRootResourceResponse(urn=self.root_resource or (self.stack_urns or [""])[0])

    def set_root_resource(self, request: Any) -> Any:
        from pulumi.runtime.proto import engine_pb2

        with self._lock:
            self.root_resource = request.urn
        return engine_pb2.SetRootResourceResponse()

    # -- the verdict on the stream ----------------------------------------------------------------
    def incomplete(self) -> str | None:
        """Why the registrations received are not a complete run (``None`` when they are)."""
        with self._lock:
            if not self.stack_urns:
                return "the program registered no stack: it ended before running (e.g. os._exit)"
            if len(self.stack_urns) > 1:
                return f"the program registered {len(self.stack_urns)} root stacks; a run has exactly one"
            if not self.stack_completed:
                return ("the program's stack never completed (no outputs registered for it): the program "
                        "ended before the SDK finished, e.g. sys.exit or os._exit in the middle")
            if not self.shutdown:
                return ("the program never signalled that its registrations were complete "
                        "(SignalAndWaitForShutdown): it ended early, e.g. sys.exit() or os._exit()")
            if self.late:
                return f"the program registered after signalling completion: {', '.join(self.late[:5])}"
        return None

    def finish(self) -> None:
        """Resolve again the location defaults that named a group registered later."""
        for record in self._pending_locations:
            found = self.locations.resolve(record.type, {**record.inputs, "location": None}, record.provider)
            if found is None:
                continue
            record.inputs["location"] = found.value
            with self._lock:
                self.notes.locations = [(u, found if u == record.urn else d) for u, d in self.notes.locations]
            for key in ("location",):
                if key in record.outputs:
                    record.outputs[key] = found.value
