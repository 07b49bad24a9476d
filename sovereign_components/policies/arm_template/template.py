"""Walking an ARM template into virtual resources.

One :class:`VirtualResource` per resource the template deploys
(https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#resources):

- ``resources`` as an array, or as an object of symbolic names (``languageVersion`` 2.0,
  https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#languageversion-20);
  a resource marked ``existing`` is only referenced, not deployed, and is skipped;
- child resources declared inside a parent's ``resources``: a short type/name is joined to the
  parent's (``queues`` under ``Microsoft.ServiceBus/namespaces`` ``ns`` is
  ``Microsoft.ServiceBus/namespaces/queues`` ``ns/q``);
- ``copy`` loops: one resource per iteration (the count must be known);
- ``condition``: skipped only when it evaluates to false; an unknown condition is judged as
  deployed (https://learn.microsoft.com/azure/azure-resource-manager/templates/conditional-resource-deployment);
- nested ``Microsoft.Resources/deployments`` with an inline template: the deployment itself and
  then its template's resources, recursively, with ``expressionEvaluationOptions.scope`` ``inner``
  (the nested template's own parameters, variables and target) or ``outer`` (the default: the
  parent's parameters, variables, ``resourceGroup()`` and ``subscription()``;
  https://learn.microsoft.com/azure/azure-resource-manager/templates/linked-templates,
  https://learn.microsoft.com/azure/azure-resource-manager/templates/scope-functions).

Fails closed (:class:`Unevaluable`) where the answer decides *what* is deployed: a resource type,
a copy count or an ``existing`` flag that cannot be evaluated, a ``properties`` object that is
unknown as a whole, a linked template (``templateLink``/``parametersLink``), a nested template
given by an expression, a nested evaluation scope that is unknown, keys that differ only in case,
and anything past the :class:`~.model.Limits`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from ..values import UNKNOWN
from .context import Budget, Frame, Target, TemplateContext
from .evaluator import Evaluator
from .jsontext import parse_json_text
from .keys import ABSENT, AmbiguousKey, duplicates, fold, get_ci
from .model import (
    ALLOW_HINT,
    RESOURCE_GROUP_PLACEHOLDER,
    Scope,
    Unevaluable,
    VirtualResource,
)
from .parser import classify
from .scopes import join, scope_of_id
from .shape import describe, flatten
from .unknown import Unknown

DEPLOYMENTS: Final = fold("Microsoft.Resources/deployments")
DEPLOYMENT_STACKS: Final = fold("Microsoft.Resources/deploymentStacks")
RESOURCE_GROUPS: Final = fold("Microsoft.Resources/resourceGroups")
#: ARM types that deploy a template of their own: expanded in place.
TEMPLATE_DEPLOYING: Final[frozenset[str]] = frozenset({DEPLOYMENTS, DEPLOYMENT_STACKS})

#: Keys of a template resource that direct the deployment rather than describe the resource:
#: never copied into ``props``.
STRUCTURAL: Final[frozenset[str]] = frozenset(fold(k) for k in (
    "condition", "type", "apiVersion", "name", "comments", "dependsOn", "copy", "resources",
    "existing", "metadata", "import", "extension", "properties",
))

LINK_HINT: Final = ("the gate cannot read a template fetched at deploy time; inline the template "
                    "(properties.template) and its parameters, " + ALLOW_HINT)



class Walker:
    """Expands templates into :class:`VirtualResource` records (one walker per expansion)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.limits = budget.limits
        self.ev = Evaluator(budget)
        self.out: list[VirtualResource] = []
        #: resource groups a template creates: lower-case name -> location (nested deployments
        #: into them learn their resourceGroup().location)
        self.group_locations: dict[str, str] = {}
        #: resources added so far by each template being walked (innermost last)
        self.template_counts: list[int] = []

    # -- helpers --------------------------------------------------------------------------
    def key(self, obj: Mapping[str, Any], key: str, path: str) -> Any:
        try:
            return get_ci(obj, key)
        except AmbiguousKey as exc:
            raise Unevaluable(f"{exc}; ARM reads keys without regard to case, so keep one spelling", path) from None

    def context(self, template: Mapping[str, Any], supplied: Mapping[str, Any] | Unknown, target: Target,
                path: str) -> TemplateContext:
        try:
            return TemplateContext(template, supplied, target, self.budget)
        except AmbiguousKey as exc:
            raise Unevaluable(f"{exc}; keep one spelling", path) from None

    # -- a deployment's body ----------------------------------------------------------------
    def deployment(self, body: Mapping[str, Any], target: Target, scope: Scope, path: str,
                   template_path: str = "template") -> None:
        """Expand a deployment body given by the program (``properties`` of a
        ``resources:Deployment*``, or a deployment stack's inputs; ``path`` is where that body
        is): its inline template with its supplied parameters. Supplied values are data, not
        expressions. Virtual resources are named under ``template_path``."""
        self.budget.path = path
        template = self.inline_template(body, path)
        raw = self.key(body, "parameters", path)
        supplied: dict[str, Any] | Unknown
        if raw is ABSENT or raw is None:
            supplied = {}
        elif isinstance(raw, Unknown):
            supplied = Unknown(f"the deployment's parameters are unknown in this preview ({raw.reason})")
        else:
            if isinstance(raw, str):
                raw = parse_json_text(raw, self.limits, join(path, "parameters"))
            if not isinstance(raw, dict):
                raise Unevaluable("the deployment's parameters must be an object of {\"value\": ...} entries",
                                  join(path, "parameters"))
            inner = self.key(raw, "parameters", join(path, "parameters"))
            if isinstance(inner, dict) and self.key(raw, "$schema", path) is not ABSENT:
                raw = inner  # a whole parameters file
            supplied = {name: self.parameter_value(entry, lambda v: v, join(path, f"parameters.{name}"))
                        for name, entry in raw.items()}
        ctx = self.context(template, supplied, target, template_path)
        self.template(template, Frame(ctx), template_path, 0, scope)

    # -- templates ------------------------------------------------------------------------
    def template(self, template: Any, frame: Frame, path: str, depth: int, scope: Scope) -> None:
        """Every resource of ``template`` (already an object), evaluated in ``frame``."""
        if depth > self.limits.max_deployment_depth:
            raise Unevaluable(f"deployments nested more than {self.limits.max_deployment_depth} levels deep; "
                              "flatten the templates, " + ALLOW_HINT, path)
        if not isinstance(template, dict):
            raise Unevaluable("the template is not a JSON object", path)
        resources = self.key(template, "resources", path)
        if resources is ABSENT or resources is None:
            return
        self.template_counts.append(0)
        if isinstance(resources, list):
            for i, raw in enumerate(resources):
                self.resource(raw, frame, f"{path}.resources[{i}]", None, depth, scope)
        elif isinstance(resources, dict):
            for name, raw in resources.items():
                self.resource(raw, frame, f"{path}.resources[{name!r}]", None, depth, scope)
        elif isinstance(resources, Unknown):
            raise Unevaluable(f"the template's resources are unknown ({resources.reason}); build the template "
                              "from known values, " + ALLOW_HINT, path)
        else:
            raise Unevaluable("the template's 'resources' is neither an array nor an object", path)
        self.template_counts.pop()

    def resource(self, raw: Any, frame: Frame, path: str, parent: tuple[str, str | None] | None,
                 depth: int, scope: Scope) -> None:
        self.budget.path = path
        if not isinstance(raw, dict):
            raise Unevaluable("a template resource must be a JSON object", path)
        for group in duplicates(raw):
            raise Unevaluable(f"keys {', '.join(group)} differ only in case; ARM reads keys without regard "
                              "to case, so keep one spelling", path)
        existing = self.key(raw, "existing", path)
        if existing is not ABSENT:
            flag = self.ev.resolve(existing, frame)
            if flag is True:
                return  # a reference to a resource deployed elsewhere: nothing is deployed here
            if flag not in (False, None):
                raise Unevaluable(f"'existing' must be true or false, not {describe(flag)}", path)
        copy_raw = self.key(raw, "copy", path)
        if copy_raw is ABSENT or copy_raw is None:
            self.instance(raw, frame, path, parent, depth, scope)
            return
        spec = self.ev.resolve(copy_raw, frame)
        if not isinstance(spec, dict):
            raise Unevaluable(f"the resource's copy must be an object, not {describe(spec)}", path + ".copy")
        name = self.key(spec, "name", path + ".copy")
        count = self.key(spec, "count", path + ".copy")
        if isinstance(count, Unknown) or count is ABSENT:
            if self.condition_false(raw, frame, path):
                return
            reason = count.reason if isinstance(count, Unknown) else "no count"
            raise Unevaluable(f"the copy count cannot be evaluated ({reason}), so the number of resources "
                              "deployed is unknown; use a count the template can compute from known values, "
                              + ALLOW_HINT, path + ".copy.count")
        if isinstance(count, bool) or not isinstance(count, (int, float)) or int(count) != count:
            raise Unevaluable(f"the copy count must be an integer, not {describe(count)}", path + ".copy.count")
        n = int(count)
        if n < 0 or n > self.limits.max_copy_count:
            raise Unevaluable(f"the copy count {n} is outside 0..{self.limits.max_copy_count} (ARM's limit)",
                              path + ".copy.count")
        loop = name if isinstance(name, str) else None
        for i in range(n):
            inner = frame.with_copy(None, i)
            if loop:
                inner = inner.with_copy(loop, i)
            self.instance(raw, inner, f"{path}.copy[{i}]", parent, depth, scope)

    def condition_false(self, raw: Mapping[str, Any], frame: Frame, path: str) -> bool:
        """The condition is false for every iteration and there are no children to deploy."""
        condition = self.key(raw, "condition", path)
        children = self.key(raw, "resources", path)
        if condition is ABSENT or children not in (ABSENT, None, [], {}):
            return False
        value = self.ev.resolve(condition, frame)
        return value is False or (isinstance(value, str) and value.strip().lower() == "false")

    def instance(self, raw: Mapping[str, Any], frame: Frame, path: str, parent: tuple[str, str | None] | None,
                 depth: int, scope: Scope) -> None:
        """One resource (one copy iteration): emitted unless its condition is false; its inline
        children are walked either way, since a condition does not cascade to child resources
        (https://learn.microsoft.com/azure/azure-resource-manager/templates/conditional-resource-deployment)."""
        self.budget.path = path
        notes: list[str] = []
        skipped = False
        condition = self.key(raw, "condition", path)
        if condition is not ABSENT:
            value = self.ev.resolve(condition, frame)
            skipped = value is False or (isinstance(value, str) and value.strip().lower() == "false")
            if isinstance(value, Unknown):
                notes.append(f"condition unknown ({value.reason}): judged as deployed")
        children = self.key(raw, "resources", path)
        if skipped and (children is ABSENT or children is None or children == [] or children == {}):
            return
        arm_type, name = self.type_and_name(raw, frame, path, parent)
        if not skipped:
            self.emit(raw, frame, path, depth, scope, arm_type, name, notes)
        if children is ABSENT or children is None:
            return
        parent_here = (arm_type, name if isinstance(name, str) else None)
        if isinstance(children, list):
            for j, child in enumerate(children):
                self.resource(child, frame, f"{path}.resources[{j}]", parent_here, depth, scope)
        elif isinstance(children, dict):
            for key, child in children.items():
                self.resource(child, frame, f"{path}.resources[{key!r}]", parent_here, depth, scope)
        else:
            raise Unevaluable("a resource's child 'resources' must be an array", path + ".resources")

    def emit(self, raw: Mapping[str, Any], frame: Frame, path: str, depth: int, scope: Scope, arm_type: str,
             name: str | Unknown | None, notes: list[str]) -> None:
        """Add the virtual resource for ``raw`` (and expand it if it deploys a template)."""
        api_raw = self.key(raw, "apiVersion", path)
        api = self.ev.resolve(api_raw, frame) if api_raw is not ABSENT else None
        if isinstance(api, Unknown):
            notes.append(f"apiVersion unknown ({api.reason})")
        is_deployment = fold(arm_type) in TEMPLATE_DEPLOYING
        props, location = self.props(raw, frame, path, name, notes, deployment=is_deployment)
        if is_deployment:
            notes.append("deploys a template: its resources follow as separate virtual resources")
        self.add(VirtualResource(
            path=path, arm_type=arm_type, api_version=api if isinstance(api, str) else None,
            name=name if isinstance(name, str) else None, props=props, location=location,
            scope=scope, notes=tuple(notes)), depth)
        if fold(arm_type) == RESOURCE_GROUPS and isinstance(name, str) and isinstance(location, str) \
                and location != UNKNOWN:
            self.group_locations[fold(name)] = location
        if is_deployment:
            self.nested(raw, frame, path, depth, scope, name, stack=fold(arm_type) == DEPLOYMENT_STACKS)

    def type_and_name(self, raw: Mapping[str, Any], frame: Frame, path: str,
                      parent: tuple[str, str | None] | None) -> tuple[str, str | Unknown | None]:
        type_raw = self.key(raw, "type", path)
        rtype = self.ev.resolve(type_raw, frame) if type_raw is not ABSENT else ABSENT
        if isinstance(rtype, Unknown):
            raise Unevaluable(f"the resource type cannot be evaluated ({rtype.reason}); write the type literally, "
                              + ALLOW_HINT, path + ".type")
        if not isinstance(rtype, str) or not rtype.strip():
            raise Unevaluable(f"the resource type must be a non-empty string, not {describe(rtype)}", path + ".type")
        rtype = rtype.strip()
        name_raw = self.key(raw, "name", path)
        name = self.ev.resolve(name_raw, frame) if name_raw is not ABSENT else None
        if name is not None and not isinstance(name, (str, Unknown)):
            name = Unknown(f"the name is {describe(name)}, not a string")
        if parent is not None and "/" not in rtype:
            parent_type, parent_name = parent
            rtype = f"{parent_type}/{rtype}"
            if isinstance(name, str):
                name = f"{parent_name}/{name}" if parent_name is not None else Unknown("the parent's name is unknown")
        return rtype, name

    def props(self, raw: Mapping[str, Any], frame: Frame, path: str, name: Any, notes: list[str],
              *, deployment: bool) -> tuple[dict[str, Any], str | None]:
        """(props, location): the top-level keys and the flattened ``properties``."""
        top: dict[str, Any] = {}
        for key, value in raw.items():
            if fold(key) in STRUCTURAL:
                continue
            top[key] = self.ev.resolve(value, frame, parent_key=key)
        if name is not None:
            top["name"] = name
        properties_raw = self.key(raw, "properties", path)
        properties: Any = None
        if properties_raw is not ABSENT:
            if deployment:
                properties = self.deployment_properties(properties_raw, frame, path)
            else:
                properties = self.ev.resolve(properties_raw, frame, copies=True)
        return flatten(top, properties, notes, path)

    def deployment_properties(self, raw: Any, frame: Frame, path: str) -> Any:
        """A nested deployment's properties without ``template``/``parameters`` (expanded
        separately): the rest evaluated in the outer frame."""
        if not isinstance(raw, dict):
            raise Unevaluable("a nested deployment's properties must be written as an object (not an expression): "
                              "the gate expands its template in place, " + ALLOW_HINT, path + ".properties")
        kept = {k: v for k, v in raw.items() if fold(k) not in ("TEMPLATE", "PARAMETERS")}
        return self.ev.resolve(kept, frame)

    def add(self, vr: VirtualResource, depth: int) -> None:
        self.budget.resources += 1
        self.budget.charge(1)
        if self.budget.resources > self.limits.max_total_resources:
            raise Unevaluable(f"the deployment expands to more than {self.limits.max_total_resources} resources",
                              vr.path)
        if self.template_counts:
            self.template_counts[-1] += 1
            if self.template_counts[-1] > self.limits.max_resources_per_template:
                raise Unevaluable(f"one template expands to more than {self.limits.max_resources_per_template} "
                                  "resources (ARM's limit, copies included)", vr.path)
        self.out.append(vr)

    # -- nested deployments -------------------------------------------------------------
    def nested(self, raw: Mapping[str, Any], frame: Frame, path: str, depth: int, scope: Scope,
               name: str | Unknown | None, *, stack: bool) -> None:
        """The resources of a nested deployment (or deployment stack) declared in a template."""
        props_path = path + ".properties"
        props = self.key(raw, "properties", path)
        if not isinstance(props, dict):
            raise Unevaluable("a nested deployment needs an inline properties object", props_path)
        template = self.inline_template(props, props_path)
        inner = stack  # a deployment stack's template is always a template of its own
        options = self.key(props, "expressionEvaluationOptions", props_path)
        if not stack and options is not ABSENT and options is not None:
            if not isinstance(options, dict):
                raise Unevaluable("expressionEvaluationOptions must be an object", props_path)
            scope_raw = self.key(options, "scope", props_path)
            mode = self.ev.resolve(scope_raw, frame) if scope_raw is not ABSENT else None
            if isinstance(mode, Unknown):
                raise Unevaluable(f"expressionEvaluationOptions.scope cannot be evaluated ({mode.reason}); write "
                                  "'inner' or 'outer'", props_path + ".expressionEvaluationOptions.scope")
            if mode is not None and (not isinstance(mode, str)
                                     or mode.lower() not in ("inner", "outer", "notspecified")):
                raise Unevaluable(f"expressionEvaluationOptions.scope {mode!r} is not inner or outer",
                                  props_path + ".expressionEvaluationOptions.scope")
            inner = isinstance(mode, str) and mode.lower() == "inner"
        deployment_name = name if isinstance(name, (str, Unknown)) else Unknown("the nested deployment has no name")
        target, deploy_scope = self.nested_target(raw, frame, path, scope, deployment_name)
        if stack:
            scope_raw = self.key(props, "deploymentScope", props_path)
            scope_id = self.ev.resolve(scope_raw, frame) if scope_raw is not ABSENT else None
            if isinstance(scope_id, str) and scope_of_id(scope_id) is not None:
                kind, sub_id, rg, mg = scope_of_id(scope_id)  # type: ignore[misc]
                target = Target(kind, sub_id or target.subscription_id, rg,
                                self.group_location(rg, frame.ctx.target, sub_id), mg, deployment_name)
                deploy_scope = kind
            elif scope_id is not None:
                target = replace(target, resource_group_location=None)
        template_path = props_path + ".template"
        if not inner:
            # outer: the parent's parameters, variables and scope functions (ARM ignores the
            # nested template's own parameters/variables in this mode)
            self.template(template, frame, template_path, depth + 1, deploy_scope)
            return
        supplied = self.nested_parameters(props, frame, props_path)
        ctx = self.context(template, supplied, target, template_path)
        self.template(template, Frame(ctx), template_path, depth + 1, deploy_scope)

    def inline_template(self, body: Mapping[str, Any], path: str) -> dict[str, Any]:
        """The inline template of a deployment body; a link or a redeploy-on-error fails closed."""
        for key, value in body.items():
            if fold(key).replace("_", "") in ("TEMPLATELINK", "PARAMETERSLINK") and value is not None:
                raise Unevaluable(f"the deployment uses {key}: " + LINK_HINT, join(path, key))
            if fold(key).replace("_", "") == "ONERRORDEPLOYMENT" and value is not None:
                raise Unevaluable("onErrorDeployment redeploys another deployment's template, which is not in "
                                  "this program; remove it, " + ALLOW_HINT, join(path, key))
        template = self.key(body, "template", path)
        if isinstance(template, Unknown):
            raise Unevaluable(f"the template is unknown in this preview ({template.reason}); build it from known "
                              "values, " + ALLOW_HINT, join(path, "template"))
        if template is ABSENT or template is None:
            raise Unevaluable("the deployment has no inline template: " + LINK_HINT, join(path, "template"))
        if isinstance(template, str) and classify(template)[0] == "literal":
            template = parse_json_text(template, self.limits, join(path, "template"))
        if not isinstance(template, dict):
            raise Unevaluable("the template must be written inline as a JSON object (the gate does not evaluate "
                              "a template given by an expression); " + ALLOW_HINT, join(path, "template"))
        return template

    def nested_parameters(self, props: Mapping[str, Any], frame: Frame, path: str) -> dict[str, Any] | Unknown:
        raw = self.key(props, "parameters", path)
        if raw is ABSENT or raw is None:
            return {}
        if not isinstance(raw, dict):
            value = self.ev.resolve(raw, frame)
            if isinstance(value, Unknown):
                return value
            if not isinstance(value, dict):
                raise Unevaluable("a nested deployment's parameters must be an object", path + ".parameters")
            raw = value
        out: dict[str, Any] = {}
        for name, entry in raw.items():
            out[name] = self.parameter_value(entry, lambda v: self.ev.resolve(v, frame), f"{path}.parameters.{name}")
        return out

    def parameter_value(self, entry: Any, resolve: Any, path: str) -> Any:
        """A supplied parameter ``{"value": ...}`` (``reference``: a Key Vault secret, unknown;
        ``expression``: evaluated by ARM, unknown). A string shaped like an expression inside a
        supplied value is unknown too: whether ARM evaluates it there is not documented."""
        if isinstance(entry, Unknown):
            return entry
        if not isinstance(entry, dict):
            return Unknown("a parameter value must be written as {\"value\": ...}")
        value = self.key(entry, "value", path)
        if value is not ABSENT:
            return _expression_strings_unknown(resolve(value))
        if self.key(entry, "reference", path) is not ABSENT:
            return Unknown("the parameter is a Key Vault reference, resolved by ARM at deploy time")
        if self.key(entry, "expression", path) is not ABSENT:
            return Unknown("the parameter is given as an expression, evaluated by ARM at deploy time")
        return Unknown("the parameter entry has no value")

    def nested_target(self, raw: Mapping[str, Any], frame: Frame, path: str, scope: Scope,
                      deployment_name: str | Unknown) -> tuple[Target, Scope]:
        """The :class:`Target` an inner-scope nested template sees, and the scope it deploys at."""
        parent = frame.ctx.target

        def attr(key: str) -> Any:
            value = self.key(raw, key, path)
            return ABSENT if value is ABSENT else self.ev.resolve(value, frame)

        group, sub, scope_id, location = attr("resourceGroup"), attr("subscriptionId"), attr("scope"), attr("location")
        subscription = sub if isinstance(sub, str) else parent.subscription_id
        deploy_location = None if location is ABSENT else location
        if isinstance(scope_id, str):
            parsed = scope_of_id(scope_id)
            if parsed is not None:
                kind, sub_id, rg, mg = parsed
                return Target(kind, sub_id or subscription, rg, self.group_location(rg, parent, sub_id),
                              mg, deployment_name, deploy_location), kind
        if scope_id is not ABSENT and scope_id is not None:
            # an extension scope or an unknown one: functions keep the parent's answers but the
            # resource group's location is not known
            return Target(parent.scope, subscription, parent.resource_group, None, parent.management_group,
                          deployment_name, deploy_location), scope
        if group is not ABSENT and group is not None:
            rg = group if isinstance(group, str) else RESOURCE_GROUP_PLACEHOLDER
            known_rg = group if isinstance(group, str) else None
            return Target("resourceGroup", subscription, rg,
                          self.group_location(known_rg, parent, sub if isinstance(sub, str) else None),
                          None, deployment_name, deploy_location), "resourceGroup"
        if sub is not ABSENT and sub is not None:
            if parent.scope == "resourceGroup" and location is ABSENT:
                # the parent's resource group name in another subscription
                return Target("resourceGroup", subscription, parent.resource_group, None, None, deployment_name,
                              deploy_location), "resourceGroup"
            return Target("subscription", subscription, None, None, None, deployment_name,
                          deploy_location), "subscription"
        return Target(parent.scope, parent.subscription_id, parent.resource_group, parent.resource_group_location,
                      parent.management_group, deployment_name, deploy_location), scope

    def group_location(self, group: str | None, parent: Target, subscription: str | None) -> str | Unknown | None:
        """Where resource group ``group`` is: the parent's own group, or one this expansion
        creates; otherwise unknown."""
        if group is None:
            return None
        same_sub = subscription is None or subscription == parent.subscription_id
        if same_sub and parent.resource_group is not None and fold(group) == fold(parent.resource_group):
            return parent.resource_group_location
        if same_sub and fold(group) in self.group_locations:
            return self.group_locations[fold(group)]
        return Unknown(f"the location of resource group '{group}' is not known to the gate")


def _expression_strings_unknown(value: Any) -> Any:
    """``value`` with every string shaped like a template expression replaced by an unknown."""
    if isinstance(value, str):
        if value.startswith("[") and value.endswith("]") and len(value) >= 2:
            return Unknown("a supplied parameter value looks like a template expression; ARM may evaluate it")
        return value
    if isinstance(value, dict):
        return {k: _expression_strings_unknown(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expression_strings_unknown(v) for v in value]
    return value
